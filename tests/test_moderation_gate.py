"""One gate on every path to the public: each path blocks a page with an unmasked resident ID, and the
portal administrator's override goes through only with a recorded reason (audit log)."""

import json
import shutil
import tempfile
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from content.models import ColumnPage, NewsPage
from moderation.models import PublicationOverride
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action

ID_TEXT = "<p>申请人身份证号11010519491231002X。</p>"
FINDING = "正文含有未脱敏的身份证号码（110105********002X），请处理后再发布。"
REASON = "经县保密办核实，该号码为已公开的示例号码。"


class GateTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.admin = make_user("portal-admin", superuser=True)
        cls.columns = {c.slug: c for c in ColumnPage.objects.child_of(cls.unit.home_page)}

    def setUp(self):
        self.client.force_login(self.admin)

    def draft(self, body=ID_TEXT, slug="item", title="县教育局资助名单"):
        page = NewsPage(title=title, slug=slug, body=body, live=False)
        self.columns["gzdt"].add_child(instance=page)
        page.save_revision(user=self.editor)
        return page

    def reload(self, page):
        return Page.objects.get(pk=page.pk).specific

    def override(self, page, reason=REASON):
        return self.client.post(
            reverse("moderation_publication_override", args=[page.pk]), {"reason": reason}, follow=True
        )

    def assert_override_logged(self, page):
        entry = PageLogEntry.objects.get(page=page, action="moderation.publication_override")
        self.assertEqual(entry.data["reason"], REASON)
        self.assertIn(FINDING, entry.data["findings"])
        self.assertEqual(entry.data["granted_by"], "portal-admin")


class AdministratorPublishChecks:
    def test_blocked_until_an_override_with_a_reason(self):
        page = self.draft()
        response = post_editor_action(self.client, page, "publish")
        self.assertContains(response, "发布被拦截。")
        self.assertContains(response, FINDING)
        self.assertFalse(self.reload(page).live)
        self.assertIn("11010519491231002X", self.reload(page).get_latest_revision_as_object().body)

        form = self.client.get(reverse("moderation_publication_override", args=[page.pk]))
        self.assertContains(form, FINDING)
        refused = self.override(page, reason="")
        self.assertContains(refused, "请说明理由，理由将记入审计日志。")
        self.assertFalse(PageLogEntry.objects.filter(action="moderation.publication_override").exists())

        self.override(page)
        post_editor_action(self.client, page, "publish")
        self.assertTrue(self.reload(page).live)
        self.assert_override_logged(page)

    def test_an_override_is_used_once(self):
        page = self.draft()
        self.override(page)
        post_editor_action(self.client, page, "publish")
        post_editor_action(self.client, page, "publish", title="县教育局资助名单（更新）")
        self.assertEqual(self.reload(page).title, "县教育局资助名单")

    def test_only_the_portal_administrator_may_override(self):
        page = self.draft()
        for user in (self.editor, self.reviewer, self.leader):
            self.client.force_login(user)
            self.override(page)
        self.assertFalse(PublicationOverride.objects.exists())

    def test_a_clean_page_publishes_without_override(self):
        page = self.draft(body="<p>申请人身份证号110105********002X。</p>")
        post_editor_action(self.client, page, "publish")
        self.assertTrue(self.reload(page).live)


class RevertChecks:
    def test_reverting_to_a_revision_with_an_id_is_blocked(self):
        page = self.draft()
        bad_revision = page.get_latest_revision()
        page.body = "<p>名单已脱敏处理。</p>"
        page.save_revision(user=self.editor).publish(user=self.admin)
        self.assertTrue(self.reload(page).live)

        revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, bad_revision.pk])
        data = querydict_from_html(self.client.get(revert_url).content.decode(), form_id="page-edit-form")
        data["action-publish"] = "1"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
        self.assertContains(response, FINDING)
        self.assertNotIn("11010519491231002X", self.reload(page).body)

        self.override(page)
        self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertIn("11010519491231002X", self.reload(page).body)
        self.assert_override_logged(page)


class CopyChecks:
    def copy(self, page, slug):
        return self.client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": "复制的名单",
                "new_slug": slug,
                "new_parent_page": self.columns["gzdt"].pk,
                "copy_subpages": False,
                "publish_copies": True,
                "alias": False,
            },
            follow=True,
        )

    def test_a_live_copy_of_a_page_with_an_id_is_blocked(self):
        page = self.draft()
        page.save_revision(user=self.editor)
        # Went live before the dictionary of checks applied (an override of long ago).
        self.override(page)
        post_editor_action(self.client, page, "publish")
        self.assertTrue(self.reload(page).live)

        response = self.copy(page, "copied")
        self.assertContains(response, FINDING)
        self.assertFalse(Page.objects.filter(slug="copied").exists())

        self.override(page)
        self.copy(page, "copied")
        self.assertTrue(Page.objects.get(slug="copied").live)
        self.assertEqual(PageLogEntry.objects.filter(page=page, action="moderation.publication_override").count(), 2)


class BulkPublishChecks:
    def bulk_publish(self, *pages):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        ids = "&".join(f"id={page.pk}" for page in pages)
        return self.client.post(f"{url}?{ids}", {"include_descendants": False}, follow=True)

    def test_bulk_publish_refuses_the_whole_selection_when_one_page_fails(self):
        bad, good = self.draft(), self.draft(body="<p>无个人信息。</p>", slug="clean", title="干净的动态")
        response = self.bulk_publish(bad, good)
        self.assertContains(response, FINDING)
        self.assertContains(response, "县教育局资助名单")
        self.assertFalse(self.reload(bad).live)
        self.assertFalse(self.reload(good).live)

        self.override(bad)
        self.bulk_publish(bad, good)
        self.assertTrue(self.reload(bad).live)
        self.assertTrue(self.reload(good).live)
        self.assert_override_logged(bad)


class ScheduledPublishChecks:
    def schedule(self, page):
        """A schedule approved before the content failed a check (e.g. set before this gate existed)."""
        type(page.get_latest_revision()).objects.filter(pk=page.get_latest_revision().pk).update(
            approved_go_live_at=timezone.now() - timedelta(minutes=1)
        )

    def run_schedule(self):
        out = StringIO()
        call_command("publish_due_pages", stdout=out)
        return out.getvalue()

    def test_a_due_page_with_an_id_is_not_published_and_the_block_is_logged(self):
        page = self.draft()
        self.schedule(page)
        out = self.run_schedule()
        self.assertIn("已拦截，未发布：县教育局资助名单：" + FINDING, out)
        self.assertFalse(self.reload(page).live)
        entry = PageLogEntry.objects.get(page=page, action="moderation.publication_blocked")
        self.assertEqual(entry.data["findings"], [FINDING])
        self.assertFalse(page.revisions.filter(approved_go_live_at__isnull=False).exists())
        self.assertNotIn("县教育局资助名单", self.run_schedule())  # blocked once, not every minute

        self.override(page)
        self.schedule(page)
        self.assertIn("已发布：县教育局资助名单", self.run_schedule())
        self.assertTrue(self.reload(page).live)
        self.assert_override_logged(page)


class ImportChecks:
    def test_a_published_import_line_with_an_id_is_rejected(self):
        directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, directory)
        path = directory / "import.jsonl"
        lines = [
            {"type": "news", "slug": "ok", "title": "县教育局召开会议", "body": "<p>会议内容。</p>"},
            {"type": "news", "slug": "bad", "title": "资助名单", "body": ID_TEXT},
        ]
        path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
        out, err = StringIO(), StringIO()
        call_command("import_content", str(path), unit="jyj", publish=True, reason="旧网站迁移", stdout=out, stderr=err)
        report = out.getvalue() + err.getvalue()
        self.assertIn(FINDING, report)
        self.assertTrue(NewsPage.objects.get(slug="ok").live)
        self.assertFalse(NewsPage.objects.filter(slug="bad").exists())


class GateTest(
    AdministratorPublishChecks,
    RevertChecks,
    CopyChecks,
    BulkPublishChecks,
    ScheduledPublishChecks,
    ImportChecks,
    GateTestCase,
):
    """The checks above on one shared tree, built once (GateTestCase.setUpTestData)."""
