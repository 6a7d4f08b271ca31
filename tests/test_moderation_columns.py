"""Supervision cannot be gamed by the supervised: a column's type, freshness class and syndication are
set by the portal centre only, each change is in the audit log and shows in the next inspection report."""

from io import BytesIO

from django.test import TestCase
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from content.models import ColumnPage
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action
from tests.test_supervision_rules import at


class ColumnClassificationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.admin = make_user("portal-admin", superuser=True)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")

    def latest(self):
        return ColumnPage.objects.get(pk=self.column.pk).get_latest_revision_as_object()

    def test_unit_staff_cannot_change_the_classification(self):
        for user in (self.editor, self.reviewer):
            self.client.force_login(user)
            post_editor_action(
                self.client, self.column, "save", column_type="overview", freshness="static", seo_title="本局动态"
            )
            latest = self.latest()
            self.assertEqual((latest.column_type, latest.freshness), ("news", ""))
            self.assertEqual(latest.seo_title, "本局动态")  # the rest of the edit is kept
        self.assertFalse(PageLogEntry.objects.filter(action="moderation.centre_field_change").exists())

    def test_the_portal_centre_can_and_the_change_is_audited(self):
        self.client.force_login(self.admin)
        post_editor_action(self.client, self.column, "save", freshness="static")
        self.assertEqual(self.latest().freshness, "static")
        entry = PageLogEntry.objects.get(page=self.column, action="moderation.centre_field_change")
        self.assertEqual(entry.data, {"freshness": ["", "static"]})
        self.assertEqual(entry.user, self.admin)

    def test_the_change_shows_in_the_next_report(self):
        with freeze_time(at(2026, 11, 5, 10, 0)):
            self.client.force_login(self.admin)  # sessions last two idle hours, on the frozen clock too
            post_editor_action(self.client, self.column, "save", freshness="static")
        with freeze_time(at(2026, 12, 1, 9, 0)):
            self.client.force_login(self.admin)
            response = self.client.post(reverse("supervision_centre"), {"month": "2026-11"}, follow=True)
            html = response.content.decode()
            table = html[html.index('id="reclassifications"') :]
            table = table[: table.index("</table>")]
            self.assertIn("云溪县教育局", table)
            self.assertIn(self.column.title, table)
            self.assertIn("更新要求类别：— → 静态类", table)
            self.assertIn("portal-admin", table)
            self.assertIn("2026-11-05 10:00", table)
            report_id = response.redirect_chain[-1][0].rstrip("/").split("/")[-1]
            workbook = load_workbook(
                BytesIO(self.client.get(reverse("supervision_report_xlsx", args=[report_id])).content)
            )
        rows = list(workbook["栏目类别变更"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(
            rows, [("云溪县教育局", self.column.title, "更新要求类别：— → 静态类", "portal-admin", "2026-11-05 10:00")]
        )
        # The report of the following month has no such line.
        with freeze_time(at(2027, 1, 1, 9, 0)):
            self.client.force_login(self.admin)
            html = self.client.post(reverse("supervision_centre"), {"month": "2026-12"}, follow=True).content.decode()
        self.assertIn("本期没有栏目类别变更。", html)
