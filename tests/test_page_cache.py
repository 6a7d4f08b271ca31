"""The anonymous page cache through HTTP: hits, invalidation on every kind of publication change,
visitors it must never serve (editors, password-protected pages), display-mode variants, changes
that happen by the clock (mourning periods, item expiry), and the CACHE_URL setting."""

from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils.form_data import querydict_from_html

from base.models import MourningPeriod
from config.cache_url import parse_cache_url
from content.models import NewsPage, TopicPage
from home.provisioning import apply_portal_template
from subsites.models import UnitKind
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action, workflow_action
from tests.test_content_pages import body_classes, column, publish, set_identity

PORTAL = "gov.test"
DEPT = "jyj.gov.test"
TOWN = "xtz.gov.test"


class PageCacheTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        set_identity(Site.objects.get(is_default_site=True), "云溪县人民政府", "3399000001")
        cls.dept = make_unit("jyj", name="云溪县教育局", kind=UnitKind.DEPARTMENT, seed=11)
        cls.town = make_unit("xtz", name="云溪县溪头镇", kind=UnitKind.TOWNSHIP, seed=12)
        set_identity(cls.dept.site, "云溪县教育局", "3399000002")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.dept)
        cls.admin = make_user("admin", superuser=True)

    def visit(self, path, host=PORTAL, **cookies):
        """An anonymous visitor's GET (a fresh client: no session cookie)."""
        client = Client()
        for name, value in cookies.items():
            client.cookies[name] = value
        return client.get(path, HTTP_HOST=host)

    def as_user(self, user):
        client = Client()
        client.force_login(user)
        return client

    def assert_cached(self, path, host=PORTAL):
        """Visit twice; the second answer comes from the cache without a single query."""
        self.visit(path, host)
        with self.assertNumQueries(0):
            response = self.visit(path, host)
        self.assertEqual(response.status_code, 200, (host, path))
        self.assertEqual(response["X-Cache"], "HIT", (host, path))
        return response.content.decode()


class HitChecks:
    def test_second_anonymous_request_is_served_from_the_cache(self):
        first = self.visit("/bmdt/")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first["X-Cache"], "MISS")
        html = self.assert_cached("/bmdt/")
        self.assertEqual(html, first.content.decode())
        again = self.visit("/bmdt/")
        self.assertIn("Cookie", again["Vary"])
        self.assertIn("max-age=0", again["Cache-Control"])  # browsers keep no copy of their own
        self.assert_cached("/", DEPT)
        self.assert_cached("/gzdt/?page=1", DEPT)

    def test_host_and_query_string_are_separate_entries(self):
        self.assert_cached("/jyj/gzdt/", PORTAL)
        self.assertEqual(self.visit("/gzdt/", DEPT)["X-Cache"], "MISS")
        self.assertEqual(self.visit("/jyj/gzdt/?print=1", PORTAL)["X-Cache"], "MISS")
        self.assertIn("print-view", body_classes(self.visit("/jyj/gzdt/?print=1").content.decode()))
        self.assertNotIn("print-view", body_classes(self.visit("/jyj/gzdt/").content.decode()))

    def test_pages_outside_the_page_tree_are_not_stored(self):
        for path in ("/interaction/", "/missing-page/"):
            with self.subTest(path=path):
                self.visit(path)
                self.assertNotIn("X-Cache", self.visit(path))

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_the_cache_can_be_turned_off(self):
        self.visit("/bmdt/")
        self.assertNotIn("X-Cache", self.visit("/bmdt/"))


class PublicationChecks:
    """A news item approved through 审签 shows everywhere at once, although every listing was cached."""

    def listings(self):
        return [("/bmdt/", PORTAL), ("/gzdt/", DEPT), ("/jyj/gzdt/", PORTAL), ("/ztzl/topic/", DEPT)]

    def assert_everywhere(self, title, present):
        for path, host in self.listings():
            html = self.visit(path, host).content.decode()
            self.assertEqual(title in html, present, (host, path, title))

    def warm(self):
        for path, host in self.listings():
            self.assertNotIn("县教育局秋季开学工作会议", self.assert_cached(path, host))

    def publish_through_the_workflow(self):
        publish(column(self.dept, "ztzl"), TopicPage(title="开学专题", slug="topic", tag="开学"))
        news = NewsPage(
            title="县教育局秋季开学工作会议", slug="meeting", body="<p>会议部署了开学工作。</p>", live=False
        )
        news.tags.add("开学")
        column(self.dept, "gzdt").add_child(instance=news)
        news.save_revision(user=self.editor)
        self.warm()
        post_editor_action(self.as_user(self.editor), news, "submit")
        self.assert_everywhere("县教育局秋季开学工作会议", present=False)
        workflow_action(self.as_user(self.reviewer), news, "approve")
        return Page.objects.get(pk=news.pk).specific

    def test_approval_shows_the_item_at_once_and_unpublishing_removes_it(self):
        news = self.publish_through_the_workflow()
        self.assertTrue(news.live)
        self.assert_everywhere("县教育局秋季开学工作会议", present=True)
        self.assertEqual(self.visit("/gzdt/", DEPT)["X-Cache"], "HIT")  # cached again after the change
        self.assertEqual(self.visit(news.url_path[len("/home/jyj") :], DEPT).status_code, 200)

        response = self.as_user(self.admin).post(reverse("wagtailadmin_pages:unpublish", args=[news.pk]))
        self.assertEqual(response.status_code, 302)
        self.assert_everywhere("县教育局秋季开学工作会议", present=False)
        self.assertEqual(self.visit(news.url_path[len("/home/jyj") :], DEPT).status_code, 404)

    def test_moving_an_item_moves_it_between_syndicated_columns(self):
        news = self.publish_through_the_workflow()
        self.assertIn("县教育局秋季开学工作会议", self.assert_cached("/bmdt/"))
        self.assertNotIn("县教育局秋季开学工作会议", self.assert_cached("/zjdt/"))
        target = column(self.town, "gzdt")
        response = self.as_user(self.admin).post(reverse("wagtailadmin_pages:move_confirm", args=[news.pk, target.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("县教育局秋季开学工作会议", self.visit("/bmdt/").content.decode())
        self.assertIn("县教育局秋季开学工作会议", self.visit("/zjdt/").content.decode())
        self.assertIn("县教育局秋季开学工作会议", self.visit("/gzdt/", TOWN).content.decode())

    def test_deleting_an_item_removes_it(self):
        news = self.publish_through_the_workflow()
        self.assertIn("县教育局秋季开学工作会议", self.assert_cached("/bmdt/"))
        response = self.as_user(self.admin).post(reverse("wagtailadmin_pages:delete", args=[news.pk]))
        self.assertEqual(response.status_code, 302)
        self.assert_everywhere("县教育局秋季开学工作会议", present=False)

    def test_site_identity_edited_in_the_admin_shows_in_the_footer_at_once(self):
        self.assertNotIn("云溪县教育局办公室", self.assert_cached("/", DEPT))
        client = self.as_user(self.admin)
        url = reverse("wagtailsettings:edit", args=["subsites", "siteidentity", self.dept.site.pk])
        data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
        data["organizer"] = "云溪县教育局办公室"
        self.assertEqual(client.post(url, data).status_code, 302)
        self.assertIn("云溪县教育局办公室", self.visit("/", DEPT).content.decode())


class VisitorChecks:
    def test_logged_in_editors_are_never_served_cached_pages_nor_fill_the_cache(self):
        self.assert_cached("/", DEPT)
        editor = self.as_user(self.editor)
        response = editor.get("/", HTTP_HOST=DEPT)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Cache", response)
        self.assertIn("wagtail-userbar", response.content.decode())
        cache.clear()
        editor.get("/gzdt/", HTTP_HOST=DEPT)
        anonymous = self.visit("/gzdt/", DEPT)
        self.assertEqual(anonymous["X-Cache"], "MISS")
        self.assertNotIn("wagtail-userbar", anonymous.content.decode())

    def test_elder_mode_cookie_gets_its_own_variant(self):
        for _round in range(2):
            standard = self.visit("/bmdt/")
            elder = self.visit("/bmdt/", elder_mode="1")
            self.assertNotIn("elder-mode", body_classes(standard.content.decode()))
            self.assertIn("elder-mode", body_classes(elder.content.decode()))
        self.assertEqual((standard["X-Cache"], elder["X-Cache"]), ("HIT", "HIT"))

    def test_the_elder_mode_toggle_works_on_a_cached_page_without_a_csrf_token(self):
        html = self.assert_cached("/bmdt/")
        self.assertNotIn("csrfmiddlewaretoken", html)
        client = Client(enforce_csrf_checks=True)
        response = client.post("/display/elder-mode/", {"next": "/bmdt/"}, HTTP_HOST=PORTAL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("elder-mode", body_classes(client.get("/bmdt/", HTTP_HOST=PORTAL).content.decode()))

    def test_password_protected_pages_are_never_stored(self):
        news = publish(column(self.dept, "gzdt"), NewsPage(title="内部通报", slug="internal"))
        PageViewRestriction.objects.create(
            page=news, restriction_type=PageViewRestriction.PASSWORD, password="secret-pass"
        )
        for _round in range(2):
            response = self.visit("/gzdt/internal/", DEPT)
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("X-Cache", response)
            self.assertNotIn("内部通报</h1>", response.content.decode())


class ClockChecks:
    """Changes nobody saves: a cached page is never kept past the next scheduled moment."""

    def test_mourning_period_starts_and_ends_on_time(self):
        now = timezone.now()
        # Both moments fall well inside PAGE_CACHE_SECONDS (300 s by default).
        MourningPeriod.objects.create(
            reason="全国哀悼日", starts_at=now + timedelta(minutes=2), ends_at=now + timedelta(minutes=4)
        )
        pages = [("/", PORTAL), ("/bmdt/", PORTAL), ("/", DEPT)]
        for path, host in pages:
            self.assertNotIn("mourning", body_classes(self.assert_cached(path, host)))
        with freeze_time(now + timedelta(minutes=2, seconds=1)):
            for path, host in pages:
                self.assertIn("mourning", body_classes(self.visit(path, host).content.decode()), (host, path))
                self.assertIn("mourning", body_classes(self.assert_cached(path, host)))
        with freeze_time(now + timedelta(minutes=4, seconds=1)):
            for path, host in pages:
                self.assertNotIn("mourning", body_classes(self.visit(path, host).content.decode()))

    def test_an_expiring_item_leaves_cached_listings_on_time(self):
        now = timezone.now()
        publish(
            column(self.dept, "gzdt"), NewsPage(title="限时通知新闻", slug="soon", expire_at=now + timedelta(minutes=3))
        )
        self.assertIn("限时通知新闻", self.assert_cached("/bmdt/"))
        with freeze_time(now + timedelta(minutes=2)):
            self.assertIn("限时通知新闻", self.assert_cached("/bmdt/"))
        with freeze_time(now + timedelta(minutes=3, seconds=1)):
            self.assertNotIn("限时通知新闻", self.visit("/bmdt/").content.decode())
            self.assertNotIn("限时通知新闻", self.visit("/gzdt/", DEPT).content.decode())

    def test_entries_expire_after_page_cache_seconds(self):
        now = timezone.now()
        self.assert_cached("/bmdt/")
        with freeze_time(now + timedelta(seconds=301)):  # PAGE_CACHE_SECONDS: 300 by default
            self.assertEqual(self.visit("/bmdt/")["X-Cache"], "MISS")


class PageCacheTest(HitChecks, PublicationChecks, VisitorChecks, ClockChecks, PageCacheTestCase):
    """The checks above on one shared tree, built once (PageCacheTestCase.setUpTestData)."""


class CacheUrlTest(SimpleTestCase):
    def test_each_scheme(self):
        self.assertEqual(
            parse_cache_url("locmem://"), {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": ""}
        )
        self.assertEqual(
            parse_cache_url("file:///var/cache/portal?max_entries=5000"),
            {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": "/var/cache/portal",
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
        )
        self.assertEqual(
            parse_cache_url("db://portal_cache?timeout=600"),
            {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache", "TIMEOUT": 600},
        )
        self.assertEqual(
            parse_cache_url("redis://:pw@10.0.0.5:6379/1?key_prefix=portal"),
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://:pw@10.0.0.5:6379/1",
                "KEY_PREFIX": "portal",
            },
        )

    def test_mistakes_are_explained(self):
        for url, fragment in (
            ("memcached://127.0.0.1:11211", "unknown scheme"),
            ("db://", "needs a path or table name"),
            ("redis://127.0.0.1:6379/0?pool=3", "unknown parameter(s) pool"),
            ("locmem://?timeout=soon", "whole numbers"),
        ):
            with self.subTest(url=url), self.assertRaisesMessage(ImproperlyConfigured, fragment):
                parse_cache_url(url)
