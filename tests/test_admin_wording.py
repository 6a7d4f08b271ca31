"""Every admin screen that editors, reviewers, leaders and the portal administrator reach speaks Chinese.

Each role starts from its dashboard, its sidebar menu and a few screens that need a query or a state
(search, the editor of a new item, an item awaiting approval), and follows the links it is offered —
menu, explorer, listings, edit views, choosers — one screen per view (`tests/admin_text.crawl`); every
screen's visible text and read attributes (title, aria-label, placeholder, alt) are checked for English
words, True/False/None and raw model names (`tests/admin_text.untranslated`). Zero are allowed.
"""

from django.test import TestCase
from django.urls import reverse

from content.models import ColumnPage, NewsPage
from home.provisioning import apply_portal_template
from tests.admin_text import crawl, untranslated
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action


class AdminWordingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.admin = make_user("admin", superuser=True)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")
        cls.item = cls.column.add_child(
            instance=NewsPage(title="县教育局召开秋季开学工作会议", body="<p>正文</p>", live=False)
        )
        cls.item.save_revision(user=cls.editor)

    def seeds(self):
        return [
            "/admin/",
            f"/admin/pages/{self.item.pk}/edit/",
            "/admin/pages/search/?q=开学",
            f"/admin/pages/add/content/newspage/{self.column.pk}/",
            f"/admin/pages/{self.column.pk}/",
            "/admin/guide/",
            "/admin/account/",
        ]

    def data_strings(self):
        """What people entered and the screens rightly show: user names, the unit's code, host names."""
        return [user.username for user in (self.editor, self.reviewer, self.leader, self.admin)] + [
            self.unit.code,
            "gov.test",
            "localhost",
        ]

    def assert_chinese(self, user, minimum):
        self.client.force_login(user)
        screens = crawl(self.client, self.seeds())
        print(f"{user}: {len(screens)} admin screens")
        self.assertGreaterEqual(len(screens), minimum, f"{user} reached only {sorted(screens)}")
        found = {path: words for path, html in screens.items() if (words := untranslated(html, self.data_strings()))}
        self.assertEqual(found, {}, "\n".join(f"{path}: {words}" for path, words in found.items()))
        return screens

    def test_login_screen(self):
        response = self.client.get(reverse("wagtailadmin_login"))
        html = response.content.decode()
        self.assertEqual(untranslated(html), [])
        self.assertIn("登录县政府网站集约化平台", html)

    def test_editor(self):
        self.assert_chinese(self.editor, 20)

    def test_reviewer_and_leader(self):
        self.client.force_login(self.editor)
        post_editor_action(self.client, self.item, "submit", sensitivity=["political"])
        self.assert_chinese(self.reviewer, 20)
        self.assert_chinese(self.leader, 20)

    def test_portal_administrator(self):
        screens = self.assert_chinese(self.admin, 40)
        for path in (
            "/admin/units/",
            "/admin/units/new/",
            "/admin/workflows/list/",
            "/admin/groups/",
            "/admin/users/",
            "/admin/interaction/calendar/",
            "/admin/interaction/survey-responses/",
            "/admin/sites/",
            "/admin/redirects/",
            "/admin/groups/new/",
            "/admin/groups/edit/",
            "/admin/workflows/add/",
            "/admin/workflows/edit/",
            "/admin/reports/page-types-usage/",
        ):
            self.assertTrue(any(screen.startswith(path) for screen in screens), path)
