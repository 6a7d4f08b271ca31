"""Audit report by unit with Excel export, permission-change logging, time corrections and reminders."""

from datetime import timedelta
from io import BytesIO, StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from content.models import ColumnPage, NewsPage
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action, workflow_action


class ModerationAdminTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("portal-admin", superuser=True)
        cls.unit_a = make_unit("jyj", name="云溪县教育局")
        cls.unit_b = make_unit("mzj", name="云溪县民政局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit_a)

    def publish_through_workflow(self, unit, title, editor, reviewer):
        column = ColumnPage.objects.child_of(unit.home_page).get(slug="gzdt")
        page = NewsPage(title=title, body="<p>正文</p>", live=False)
        column.add_child(instance=page)
        page.save_revision(user=editor)
        self.client.force_login(editor)
        post_editor_action(self.client, page, "submit")
        self.client.force_login(reviewer)
        workflow_action(self.client, page, "approve")
        return Page.objects.get(pk=page.pk)

    def test_audit_report_filters_by_unit_and_exports_to_excel(self):
        self.publish_through_workflow(self.unit_a, "教育局动态甲", self.editor, self.reviewer)
        b_editor, b_reviewer, _leader = make_role_users(self.unit_b)
        self.publish_through_workflow(self.unit_b, "民政局动态乙", b_editor, b_reviewer)
        self.client.force_login(self.admin)
        url = reverse("moderation_audit")
        response = self.client.get(url, {"unit": self.unit_a.pk})
        self.assertContains(response, "教育局动态甲")
        self.assertNotContains(response, "民政局动态乙")
        export = self.client.get(url, {"unit": self.unit_a.pk, "export": "xlsx"})
        self.assertEqual(export.status_code, 200)
        sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
        cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]
        self.assertIn("教育局动态甲", cells)
        self.assertNotIn("民政局动态乙", cells)
        actions = {entry.action for entry in PageLogEntry.objects.filter(page__title="教育局动态甲")}
        self.assertTrue({"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions)

    def test_only_the_portal_administrator_sees_the_audit_report(self):
        self.client.force_login(self.reviewer)
        self.assertNotEqual(self.client.get(reverse("moderation_audit")).status_code, 200)

    def test_permission_and_membership_changes_are_logged(self):
        newcomer = make_user("newcomer")
        newcomer.groups.add(self.unit_a.editor_group)
        entry = ModelLogEntry.objects.filter(action="moderation.membership_change").latest("timestamp")
        self.assertEqual(entry.object_id, str(newcomer.pk))
        self.assertEqual(entry.data["change"], "added")
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="moderation.permission_change", object_id=str(self.unit_a.editor_group_id)
            ).exists()
        )

    def test_first_publication_time_is_corrected_only_by_the_administrator_with_a_reason(self):
        page = self.publish_through_workflow(self.unit_a, "教育局动态丙", self.editor, self.reviewer)
        url = reverse("moderation_correct_publication_time", args=[page.pk])
        self.client.force_login(self.reviewer)
        original = Page.objects.get(pk=page.pk).first_published_at
        refused = self.client.post(url, {"first_published_at": "2026-01-01 09:00", "reason": "x"})
        self.assertRedirects(refused, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertEqual(Page.objects.get(pk=page.pk).first_published_at, original)
        self.assertFalse(PageLogEntry.objects.filter(action="moderation.correct_publication_time").exists())
        self.client.force_login(self.admin)
        response = self.client.post(url, {"first_published_at": "2026-01-01 09:00", "reason": "  "})
        self.assertContains(response, "请说明更正理由，该理由将记入审计日志。")
        response = self.client.post(url, {"first_published_at": "2026-01-01 09:00", "reason": "系统迁移时时间有误"})
        self.assertEqual(response.status_code, 302)
        corrected = timezone.localtime(Page.objects.get(pk=page.pk).first_published_at)
        self.assertEqual((corrected.year, corrected.month, corrected.day, corrected.hour), (2026, 1, 1, 9))
        entry = PageLogEntry.objects.get(page=page, action="moderation.correct_publication_time")
        self.assertEqual((entry.user, entry.data["reason"]), (self.admin, "系统迁移时时间有误"))

    def test_waiting_tasks_are_reminded_once_per_period(self):
        column = ColumnPage.objects.child_of(self.unit_a.home_page).get(slug="gzdt")
        page = NewsPage(title="待审的动态", body="<p>正文</p>", live=False)
        column.add_child(instance=page)
        page.save_revision(user=self.editor)
        self.client.force_login(self.editor)
        post_editor_action(self.client, page, "submit")
        mail.outbox.clear()
        call_command("remind_approvers", stdout=StringIO())
        self.assertEqual(mail.outbox, [])
        with freeze_time(timezone.now() + timedelta(hours=25)):
            call_command("remind_approvers", stdout=StringIO())
            call_command("remind_approvers", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(self.reviewer.email, mail.outbox[0].to)
        self.assertIn("待审的动态", mail.outbox[0].subject)
        with freeze_time(timezone.now() + timedelta(hours=50)):
            call_command("remind_approvers", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 2)
