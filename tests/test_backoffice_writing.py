"""Writing an item is one obvious step: the column offers only its own item type, 写信息 on the dashboard
and the column, and a Chinese title gets a short slug."""

from django.test import TestCase
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from content.models import ColumnPage, NewsPage
from tests.admin_text import visible_text
from tests.factories import make_role_users, make_unit


class WritingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.editor, _, _ = make_role_users(cls.unit)
        cls.news = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")
        cls.policies = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="zcwj")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_column_offers_only_its_own_item_type(self):
        html = visible_text(self.client.get(f"/admin/pages/{self.news.pk}/add_subpage/").content.decode())
        self.assertIn("工作动态", html)
        self.assertNotIn("政策文件", html)
        self.assertNotIn("通知公告", html)
        refused = self.client.get(f"/admin/pages/add/content/policypage/{self.news.pk}/")
        self.assertIn(refused.status_code, (302, 403))  # Wagtail answers "no permission" with a redirect
        allowed = self.client.get(f"/admin/pages/add/content/policypage/{self.policies.pk}/")
        self.assertEqual(allowed.status_code, 200)

    def test_write_an_item_on_the_dashboard_and_on_the_column(self):
        url = f"/admin/pages/add/content/newspage/{self.news.pk}/"
        self.assertIn(f'href="{url}"', self.client.get("/admin/").content.decode())
        self.assertIn(f'href="{url}"', self.client.get(f"/admin/pages/{self.news.pk}/").content.decode())
        self.assertIn(f'href="{url}"', self.client.get(f"/admin/pages/{self.unit.home_page.pk}/").content.decode())

    def test_a_chinese_title_gets_a_short_dated_slug(self):
        url = f"/admin/pages/add/content/newspage/{self.news.pk}/"
        for title in ("县教育局部署秋季开学准备工作", "全县中小学安全生产大检查"):
            data = querydict_from_html(self.client.get(url).content.decode(), form_id="page-edit-form")
            data.update({"title": title, "slug": "", "body": rich_text("<p>正文</p>")})
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 302)
        prefix = f"{timezone.localdate():%Y%m%d}"
        slugs = sorted(NewsPage.objects.child_of(self.news).values_list("slug", flat=True))
        self.assertEqual(slugs, [f"{prefix}-1", f"{prefix}-2"])
