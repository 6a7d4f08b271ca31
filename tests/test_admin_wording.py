"""Every admin screen that editors, reviewers, leaders and the portal administrator reach speaks Chinese.

Each role walks its screens (dashboard, explorer, editor, search, media, reports, cases, inspection,
account; the administrator also units, workflows, groups and users) and every screen's visible
text is checked for English words, True/False/None and raw model names (tests/admin_text.py).
"""
from django.test import TestCase
from django.urls import reverse

from content.models import ColumnPage, NewsPage
from subsites.provisioning import apply_portal_template
from tests.admin_text import untranslated
from tests.factories import PASSWORD, make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action


class AdminWordingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.admin = make_user("admin", superuser=True)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")
        cls.item = cls.column.add_child(instance=NewsPage(title="县教育局召开秋季开学工作会议", body="<p>正文</p>", live=False))
        cls.item.save_revision(user=cls.editor)

    def unit_screens(self):
        home, column, item = self.unit.home_page, self.column, self.item
        return [
            "/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/", f"/admin/pages/{column.pk}/",
            f"/admin/pages/{item.pk}/edit/", f"/admin/pages/{item.pk}/history/",
            f"/admin/pages/{column.pk}/add_subpage/", "/admin/pages/search/?q=开学",
            "/admin/images/", "/admin/documents/", "/admin/snippets/",
            "/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/reports/site-history/",
            "/admin/account/", "/admin/guide/",
            "/admin/interaction/cases/", "/admin/interaction/cases/monitor/", "/admin/supervision/",
        ]

    def walk(self, user, screens):
        self.client.force_login(user)
        found = {}
        for path in screens:
            response = self.client.get(path, follow=True)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            words = untranslated(response.content.decode(), self.data_strings())
            if words:
                found[path] = words
        return found

    def data_strings(self):
        """What people entered and the screens rightly show: user names, the unit's code, host names."""
        return [user.username for user in (self.editor, self.reviewer, self.leader, self.admin)] + [
            self.unit.code, "gov.test", "localhost"]

    def assert_chinese(self, user, screens):
        found = self.walk(user, screens)
        self.assertEqual(found, {}, "\n".join(f"{path}: {words}" for path, words in found.items()))

    def test_login_screen(self):
        response = self.client.get(reverse("wagtailadmin_login"))
        html = response.content.decode()
        self.assertEqual(untranslated(html), [])
        self.assertIn("登录县政府网站集约化平台", html)

    def test_editor(self):
        post_editor_action(self.client_for(self.editor), self.item, "submit")
        self.assert_chinese(self.editor, self.unit_screens() + [
            f"/admin/pages/add/content/newspage/{self.column.pk}/"])

    def test_reviewer_and_leader(self):
        post_editor_action(self.client_for(self.editor), self.item, "submit", sensitivity=["political"])
        self.assert_chinese(self.reviewer, self.unit_screens())
        self.assert_chinese(self.leader, self.unit_screens())

    def test_portal_administrator(self):
        self.assert_chinese(self.admin, self.unit_screens() + [
            "/admin/units/", f"/admin/units/edit/{self.unit.pk}/", "/admin/workflows/list/", "/admin/workflows/tasks/index/",
            "/admin/groups/", "/admin/users/", "/admin/collections/", "/admin/units/new/",
            "/admin/interaction/calendar/?year=2026",
        ])

    def client_for(self, user):
        self.client.force_login(user)
        return self.client
