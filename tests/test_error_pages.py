"""Chinese 404 and 500 pages on the portal and on a unit's site with DEBUG off, as a visitor gets them.
This module is also the URLconf of its tests: the site's URLs plus one view that fails."""

from django.test import TestCase, override_settings
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from tests.factories import make_county

PORTAL = "gov.test"


def broken(request):
    raise RuntimeError("a failing view")


urlpatterns = [path("broken/", broken), *site_urlpatterns]


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
class ErrorPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county()

    def setUp(self):
        self.client.raise_request_exception = False

    def test_a_missing_page_gets_the_chinese_404_with_the_site_navigation(self):
        for host, home_link in ((PORTAL, ">云溪县人民政府<"), (self.dept.host, ">云溪县教育局")):
            response = self.client.get("/no-such-page/", HTTP_HOST=host)
            self.assertContains(response, "<h1>页面不存在</h1>", status_code=404)
            self.assertContains(response, '<nav class="main-nav"', status_code=404)
            self.assertContains(response, ">首页</a>", status_code=404)
            self.assertContains(response, home_link, status_code=404)

    def test_a_failing_view_gets_the_chinese_500(self):
        for host in (PORTAL, self.dept.host):
            response = self.client.get("/broken/", HTTP_HOST=host)
            self.assertEqual(response.status_code, 500)
            html = response.content.decode()
            self.assertIn("<h1>服务暂时不可用</h1>", html)
            self.assertIn("本次提交未成功", html)
            self.assertIn('<a href="/">首页</a>', html)
            self.assertNotIn("RuntimeError", html)
            self.assertNotIn("Server Error", html)
