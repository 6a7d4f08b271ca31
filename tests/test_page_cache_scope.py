"""The page cache purges exactly what a change shows on: 100 cached pages over 10 units, one item
published through 审签 in one unit, and a draft saved (with its 索引号) that purges nothing."""

from django.apps import apps
from django.test import Client, SimpleTestCase, TestCase
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from content.models import NewsPage, NoticePage
from home.provisioning import apply_portal_template
from pagecache.signals import EVERY_PAGE, HOST_WIDE, NOT_SHOWN, PUBLIC_APPS, SHOWN_ON_A_PAGE
from subsites.models import UnitKind
from tests.factories import make_role_users, make_unit
from tests.moderation_helpers import post_editor_action, workflow_action
from tests.test_content_pages import column, publish

PORTAL = "gov.test"
UNIT_PATHS = ["/", "/gzdt/", "/tzgg/", "/zcwj/", "/xxgkml/"]
PORTAL_PATHS = [
    "/",
    "/bmdt/",
    "/zjdt/",
    "/zcwjk/",
    "/tzgg/",
    "/zfxxgk/",
    "/bmdt/?page=2",
    "/zjdt/?page=2",
    "/tzgg/?page=2",
    "/zcwjk/?page=2",
]


class PurgeScopeTest(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.units = [
            make_unit(
                f"u{n}", name=f"测试单位{n}", seed=40 + n, kind=UnitKind.DEPARTMENT if n < 5 else UnitKind.TOWNSHIP
            )
            for n in range(10)
        ]
        cls.editor, cls.reviewer, _leader = make_role_users(cls.units[0])
        cls.old_news = publish(column(cls.units[0], "gzdt"), NewsPage(title="旧闻", slug="old"))

    def addresses(self):
        """The 100 cached addresses: 9 per unit (5 on its host, 4 under the portal path), 10 portal pages."""
        found = [(PORTAL, path) for path in PORTAL_PATHS]
        for unit in self.units:
            found += [(f"{unit.code}.{PORTAL}", path) for path in UNIT_PATHS]
            found += [(PORTAL, f"/{unit.code}{path}") for path in UNIT_PATHS[:4]]
        return found

    def visit(self, host, path):
        response = Client().get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, (host, path))
        self.assertIn("X-Cache", response, (host, path))
        return response["X-Cache"]

    def warm(self):
        addresses = self.addresses()
        self.assertEqual(len(addresses), 100)
        for host, path in addresses:
            self.visit(host, path)
        return addresses

    def misses(self, addresses):
        return [(host, path) for host, path in addresses if self.visit(host, path) != "HIT"]

    def test_publishing_one_item_purges_only_the_addresses_that_show_it(self):
        addresses = self.warm()
        news = NewsPage(title="测试单位0召开专题会议", slug="meeting", body="<p>会议内容。</p>", live=False)
        column(self.units[0], "gzdt").add_child(instance=news)
        news.save_revision(user=self.editor)
        editor, reviewer = Client(), Client()
        editor.force_login(self.editor)
        reviewer.force_login(self.reviewer)
        with self.assertLogs("pagecache", "INFO") as logs:
            post_editor_action(editor, news, "submit")
            workflow_action(reviewer, news, "approve")
        self.assertTrue(Page.objects.get(pk=news.pk).live)
        unit_host = f"u0.{PORTAL}"
        self.assertEqual(
            logs.output,
            [
                f"INFO:pagecache:pagecache: page {news.pk} (un)published purges 11 addresses: "
                f"gov.test/ gov.test/bmdt/ gov.test/u0/ gov.test/u0/gzdt/ gov.test/u0/gzdt/meeting/ "
                f"gov.test/u0/xxgkml/ gov.test/xxgkml/ {unit_host}/ {unit_host}/gzdt/ {unit_host}/gzdt/meeting/ {unit_host}/xxgkml/"
            ],
        )
        shown = [
            (PORTAL, "/"),
            (PORTAL, "/bmdt/"),
            (PORTAL, "/bmdt/?page=2"),
            (unit_host, "/"),
            (unit_host, "/gzdt/"),
            (unit_host, "/xxgkml/"),
            (PORTAL, "/u0/"),
            (PORTAL, "/u0/gzdt/"),
        ]
        self.assertEqual(self.misses(addresses), shown)  # the other 92 are still hits
        self.assertIn("测试单位0召开专题会议", Client().get("/bmdt/", HTTP_HOST=PORTAL).content.decode())
        self.assertIn("测试单位0召开专题会议", Client().get("/gzdt/", HTTP_HOST=unit_host).content.decode())

    def test_saving_drafts_purges_nothing(self):
        addresses = self.warm()
        editor = Client()
        editor.force_login(self.editor)
        parent = column(self.units[0], "tzgg")
        url = reverse("wagtailadmin_pages:add", args=["content", "noticepage", parent.pk])
        data = querydict_from_html(editor.get(url).content.decode(), form_id="page-edit-form")
        data.update({"title": "草稿通知", "slug": "draft", "body": '{"blocks": [], "entityMap": {}}'})
        with self.assertNoLogs("pagecache", "INFO"):
            self.assertEqual(editor.post(url, data).status_code, 302)
            draft = NoticePage.objects.get(slug="draft")
            self.assertTrue(draft.index_number)  # the 索引号 sequence moved on
            self.assertFalse(draft.live)
            response = post_editor_action(editor, self.old_news, "save-draft", title="旧闻（修改中）")
            self.assertEqual(response.status_code, 200)
        self.assertTrue(Page.objects.get(pk=self.old_news.pk).has_unpublished_changes)
        self.assertEqual(self.misses(addresses), [])

    def test_a_site_identity_change_purges_only_that_host(self):
        from subsites.models import SiteIdentity

        addresses = self.warm()
        identity = SiteIdentity.for_site(Site.objects.get(hostname=f"u3.{PORTAL}"))
        identity.contact = "0577-99999999"
        identity.save()
        self.assertEqual(self.misses(addresses), [(f"u3.{PORTAL}", path) for path in UNIT_PATHS])


class ClassificationTest(SimpleTestCase):
    def test_every_model_of_the_public_apps_has_a_purge_rule(self):
        """A new model there must be named in pagecache/signals.py (else it purges every page)."""
        for model in apps.get_models():
            if model._meta.app_label in PUBLIC_APPS and not issubclass(model, Page):
                self.assertIn(model._meta.label_lower, NOT_SHOWN | EVERY_PAGE | HOST_WIDE | set(SHOWN_ON_A_PAGE))
