"""Visit statistics through HTTP: every page view a visitor's browser shows is counted once, whether
the page came from the page cache or not; unique visitors per site, column and day, by the address
the trusted proxies report; nothing personal in the schema."""

import re
from datetime import timedelta

from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Site

from content.models import NewsPage
from home.provisioning import apply_portal_template
from subsites.models import UnitKind
from tests.factories import make_county_units, make_role_users, make_unit, make_user
from tests.proxy_cache import ProxyTestCase
from tests.test_content_pages import column, publish
from visits.models import DailyVisits

DEPT = "jyj.gov.test"
BEACON = re.compile(r'<img class="visit-beacon" src="([^"]+)"')


def rows(site):
    """{column page id or None: (views, visitors)} of today's counters of a site."""
    return {
        row.column_id: (row.views, row.visitors)
        for row in DailyVisits.objects.filter(site=site, day=timezone.localdate())
    }


class VisitCountingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.dept = make_unit("jyj", name="云溪县教育局", kind=UnitKind.DEPARTMENT, seed=11)
        cls.news_column = column(cls.dept, "gzdt")
        cls.news = publish(cls.news_column, NewsPage(title="秋季开学工作会议", slug="meeting", body="<p>会议</p>"))

    def setUp(self):
        cache.clear()

    def view(self, path, host=DEPT, **meta):
        """What a browser does: fetch the page, then the image it embeds. Returns the page's X-Cache."""
        client = Client()
        page = client.get(path, HTTP_HOST=host, **meta)
        self.assertEqual(page.status_code, 200)
        beacon = client.get(BEACON.search(page.content.decode())[1], HTTP_HOST=host, **meta)
        self.assertEqual(beacon.status_code, 200)
        self.assertEqual(beacon["Content-Type"], "image/gif")
        self.assertIn("no-store", beacon["Cache-Control"])
        return page.get("X-Cache")

    def test_cached_and_uncached_views_are_all_counted(self):
        addresses = ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
        states = [self.view("/gzdt/meeting/", REMOTE_ADDR=addresses[n % 3]) for n in range(7)]
        states.append(self.view("/jyj/gzdt/meeting/", host="gov.test", REMOTE_ADDR="192.0.2.1"))  # portal path
        self.assertEqual(states[0], "MISS")
        self.assertEqual(states.count("HIT"), 6)
        self.assertEqual(rows(self.dept.site), {None: (8, 3), self.news_column.pk: (8, 3)})

    def test_a_column_and_the_home_page_count_for_their_site(self):
        self.view("/", REMOTE_ADDR="192.0.2.1")
        self.view("/gzdt/", REMOTE_ADDR="192.0.2.1")
        self.view("/gzdt/", REMOTE_ADDR="192.0.2.2")
        self.assertEqual(rows(self.dept.site), {None: (3, 2), self.news_column.pk: (2, 2)})

    def test_a_new_day_counts_everybody_again_with_a_new_salt(self):
        with freeze_time(timezone.now().replace(hour=10)):
            self.view("/gzdt/meeting/", REMOTE_ADDR="192.0.2.1")
            salt = cache.get(f"visits:salt:{timezone.localdate()}")
        with freeze_time(timezone.now().replace(hour=10) + timedelta(days=1)):
            self.view("/gzdt/meeting/", REMOTE_ADDR="192.0.2.1")
            self.assertNotEqual(cache.get(f"visits:salt:{timezone.localdate()}"), salt)
        self.assertEqual(
            sorted(DailyVisits.objects.filter(column=None).values_list("views", "visitors")), [(1, 1), (1, 1)]
        )

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_visitors_are_told_apart_by_the_trusted_proxys_entry_only(self):
        proxy = {"REMOTE_ADDR": "127.0.0.1"}
        self.view("/gzdt/", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
        self.view("/gzdt/", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7", **proxy)  # claimed entry ignored
        self.view("/gzdt/", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
        self.assertEqual(rows(self.dept.site)[None], (3, 2))

    def test_drafts_and_unknown_pages_are_not_counted(self):
        draft = NewsPage(title="草稿", slug="draft", body="<p>草稿</p>", live=False)
        self.news_column.add_child(instance=draft)
        for page_id in (draft.pk, 999999):
            self.assertEqual(Client().get(f"/visits/{page_id}.gif", HTTP_HOST=DEPT).status_code, 200)
        self.assertFalse(DailyVisits.objects.exists())
        self.assertEqual(Client().post(f"/visits/{self.news.pk}.gif", HTTP_HOST=DEPT).status_code, 405)


class VisitSchemaTest(TestCase):
    def test_no_column_can_hold_personal_data(self):
        """Only dates, numbers and references to sites and pages: no text column (address, browser
        string, cookie or hash), no IP address column."""
        for model in apps.get_app_config("visits").get_models():
            for field in model._meta.concrete_fields:
                self.assertIsInstance(
                    field,
                    (
                        models.AutoField,
                        models.BigAutoField,
                        models.DateField,
                        models.PositiveIntegerField,
                        models.ForeignKey,
                    ),
                    field,
                )
                self.assertNotIsInstance(
                    field, (models.CharField, models.TextField, models.GenericIPAddressField, models.BinaryField), field
                )
        self.assertEqual(
            {f.name for f in DailyVisits._meta.concrete_fields}, {"id", "day", "site", "column", "views", "visitors"}
        )


class VisitAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county_units()
        cls.editor = make_role_users(cls.dept)[0]
        cls.admin = make_user("admin", superuser=True)
        today = timezone.localdate()
        gzdt = column(cls.dept, "gzdt")
        DailyVisits.objects.create(day=today, site=cls.dept.site, views=41, visitors=17)
        DailyVisits.objects.create(day=today, site=cls.dept.site, column=gzdt, views=29, visitors=11)
        DailyVisits.objects.create(day=today, site=cls.town.site, views=5, visitors=3)

    def page(self, user, **query):
        client = Client()
        client.force_login(user)
        return client.get(reverse("supervision_visits"), query)

    def test_a_units_user_sees_its_own_site_only(self):
        html = self.page(self.editor).content.decode()
        self.assertIn("云溪县教育局", html)
        self.assertIn("<td>41</td><td>17</td>", html)
        self.assertIn('<th scope="row">工作动态</th><td>29</td><td>11</td>', html)
        self.assertIn("访问统计", html)
        self.assertNotIn("云溪县溪头镇", html)
        self.assertEqual(self.page(self.editor, site=self.town.pk).status_code, 404)
        self.assertEqual(self.page(self.editor, site="portal").status_code, 404)

    def test_the_portal_centre_sees_every_site(self):
        html = self.page(self.admin, site=self.town.pk).content.decode()
        self.assertIn("<td>5</td><td>3</td>", html)
        self.assertIn('<option value="portal"', html)
        self.assertIn('<svg role="img" aria-label="云溪县溪头镇每日访问量"', html)


class VisitsBehindVarnishTest(ProxyTestCase):
    """Views the reverse proxy answers from its cache are counted too (the beacon always passes)."""

    def setUp(self):
        cache.clear()
        apply_portal_template()
        self.dept = make_unit("jyj", name="云溪县教育局", kind=UnitKind.DEPARTMENT, seed=11)
        Site.objects.update(port=self.proxy_port)
        Site.clear_site_root_paths_cache()

    def test_every_view_through_the_proxy_is_counted_once(self):
        states = []
        for n in range(4):
            page = self.through_proxy(DEPT, "/gzdt/", headers={"User-Agent": f"browser-{n % 2}"})
            states.append(page.headers["X-Proxy-Cache"])
            beacon = self.through_proxy(DEPT, BEACON.search(page.text)[1], headers={"User-Agent": f"browser-{n % 2}"})
            self.assertEqual((beacon.status_code, beacon.headers["X-Proxy-Cache"]), (200, "MISS"))
        self.assertEqual(states, ["MISS", "HIT", "HIT", "HIT"])
        self.assertEqual(rows(self.dept.site)[None], (4, 2))
