"""审签 end to end through the admin: normal and sensitive paths, rejections, and bypass attempts."""

import re
from datetime import timedelta
from urllib.parse import urlparse

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from content.models import ColumnPage, NewsPage
from moderation.models import LeaderApprovalTask, UnitReviewTask
from tests.factories import make_role_users, make_unit
from tests.moderation_helpers import edit_form_data, post_editor_action, workflow_action


class WorkflowTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")

    def setUp(self):
        self.page = NewsPage(title="县教育局召开秋季开学工作会议", body="<p>会议部署了开学各项工作。</p>", live=False)
        self.column.add_child(instance=self.page)
        self.page.save_revision(user=self.editor)

    def as_user(self, user):
        self.client.force_login(user)
        return self.client

    def reload(self):
        return Page.objects.get(pk=self.page.pk).specific


class NormalAndSensitivePathChecks:
    def test_normal_item_is_published_after_unit_sign_off_and_the_leader_is_never_asked(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit")
        state = WorkflowState.objects.get(object_id=str(self.page.pk))
        self.assertIsInstance(state.current_task_state.task.specific, UnitReviewTask)
        self.assertFalse(self.reload().live)
        self.assertIn(self.reviewer.email, [address for m in mail.outbox for address in m.to])
        mail.outbox.clear()

        response = workflow_action(self.as_user(self.reviewer), self.page, "approve")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.reload().live)
        leader_states = TaskState.objects.filter(workflow_state=state, task__in=LeaderApprovalTask.objects.all())
        self.assertEqual([s.status for s in leader_states], [TaskState.STATUS_SKIPPED])
        self.assertNotIn(self.leader.email, [address for m in mail.outbox for address in m.to])
        self.assertIn(self.editor.email, [address for m in mail.outbox for address in m.to])

    def test_sensitive_item_needs_the_main_leader_after_the_reviewer(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit", sensitivity=["political"])
        workflow_action(self.as_user(self.reviewer), self.page, "approve")
        page = self.reload()
        self.assertFalse(page.live)
        self.assertIsInstance(page.current_workflow_task.specific, LeaderApprovalTask)
        self.assertIn(self.leader.email, [address for m in mail.outbox for address in m.to])

        workflow_action(self.as_user(self.leader), self.page, "approve")
        page = self.reload()
        self.assertTrue(page.live)
        self.assertEqual(page.sensitivity_marks, ["political"])
        approvals = TaskState.objects.filter(
            workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED
        ).values_list("finished_by__username", flat=True)
        self.assertEqual(sorted(approvals), sorted([self.reviewer.username, self.leader.username]))

        _site_id, root_url, path = page.get_url_parts()
        html = self.client.get(path, HTTP_HOST=urlparse(root_url).hostname).content.decode()
        signoff = re.search(r'<p class="signoff">(.*?)</p>', html, re.S).group(1)
        names = [approver.get_full_name() for approver in (self.reviewer, self.leader)]
        self.assertLess(signoff.index(names[0]), signoff.index(names[1]))
        self.assertNotIn(self.reviewer.get_username(), signoff)  # login names are never published
        self.assertLess(
            signoff.index(f"{self.unit.short_name}审签"), signoff.index(f"{self.unit.short_name}主要领导审核")
        )

    def test_approving_unchanged_from_the_editor_publishes_without_restarting_the_approval(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit")
        post_editor_action(
            self.as_user(self.reviewer), self.page, "workflow-action", **{"workflow-action-name": "approve"}
        )
        self.assertTrue(self.reload().live)
        self.assertEqual(WorkflowState.objects.filter(object_id=str(self.page.pk)).count(), 1)

    def test_rejection_at_each_step_returns_to_the_editor_with_the_comment(self):
        for approvers, comment in (
            ([self.reviewer], "标题请写明会议时间"),
            ([self.reviewer, self.leader], "请删去第二段"),
        ):
            post_editor_action(self.as_user(self.editor), self.page, "submit", sensitivity=["political"])
            for approver in approvers[:-1]:
                workflow_action(self.as_user(approver), self.page, "approve")
            mail.outbox.clear()
            workflow_action(self.as_user(approvers[-1]), self.page, "reject", comment=comment)
            state = WorkflowState.objects.filter(object_id=str(self.page.pk)).latest("created_at")
            self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
            self.assertEqual(state.current_task_state.comment, comment)
            self.assertFalse(self.reload().live)
            self.assertIn(self.editor.email, [address for m in mail.outbox for address in m.to])
            editor_view = self.as_user(self.editor).get(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
            self.assertContains(editor_view, comment)
            state.cancel(user=self.editor)

    def test_a_change_after_the_reviewers_approval_needs_approval_again(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit", sensitivity=["policy"])
        workflow_action(self.as_user(self.reviewer), self.page, "approve")
        post_editor_action(self.as_user(self.leader), self.page, "save", title="县教育局召开秋季开学工作会议（修改）")
        workflow_action(self.client, self.page, "approve")
        page = self.reload()
        self.assertFalse(page.live)
        self.assertIsInstance(page.current_workflow_task.specific, UnitReviewTask)


class BypassAttemptChecks:
    def assert_not_published(self):
        page = self.reload()
        self.assertFalse(page.live)
        self.assertIsNone(page.first_published_at)

    def test_editor_and_reviewer_cannot_publish_directly(self):
        for user in (self.editor, self.reviewer, self.leader):
            post_editor_action(self.as_user(user), self.page, "publish")
            self.assert_not_published()

    def test_bulk_publish_is_refused(self):
        for user in (self.editor, self.reviewer):
            url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            self.as_user(user).post(f"{url}?id={self.page.pk}", {"include_descendants": False})
            self.assert_not_published()

    def test_reverting_a_published_revision_does_not_publish(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit")
        workflow_action(self.as_user(self.reviewer), self.page, "approve")
        old_revision = self.reload().live_revision
        post_editor_action(self.as_user(self.editor), self.page, "save", title="未经审核的修改")
        revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[self.page.pk, old_revision.pk])
        self.assertEqual(self.as_user(self.reviewer).get(revert_url).status_code, 200)
        data = edit_form_data(self.client, self.page)
        data["revision"] = str(old_revision.pk)
        data["action-publish"] = "1"
        self.client.post(reverse("wagtailadmin_pages:edit", args=[self.page.pk]), data)
        page = self.reload()
        self.assertEqual(page.live_revision_id, old_revision.pk)
        self.assertEqual(page.title, "县教育局召开秋季开学工作会议")

    def test_copying_with_publish_copies_creates_no_live_page(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit")
        workflow_action(self.as_user(self.reviewer), self.page, "approve")
        notices = ColumnPage.objects.child_of(self.unit.home_page).get(slug="tzgg")
        self.as_user(self.editor).post(
            reverse("wagtailadmin_pages:copy", args=[self.page.pk]),
            {
                "new_title": "复制的动态",
                "new_slug": "copied",
                "new_parent_page": notices.pk,
                "copy_subpages": False,
                "publish_copies": True,
                "alias": False,
            },
        )
        self.assertFalse(Page.objects.filter(slug="copied", live=True).exists())

    def test_moving_a_live_page_is_refused(self):
        post_editor_action(self.as_user(self.editor), self.page, "submit")
        workflow_action(self.as_user(self.reviewer), self.page, "approve")
        notices = ColumnPage.objects.child_of(self.unit.home_page).get(slug="tzgg")
        for user in (self.editor, self.reviewer):
            self.as_user(user).post(reverse("wagtailadmin_pages:move_confirm", args=[self.page.pk, notices.pk]))
            self.assertEqual(self.reload().get_parent().pk, self.column.pk)

    def test_an_editor_cannot_clear_the_sensitivity_mark(self):
        post_editor_action(self.as_user(self.editor), self.page, "save", sensitivity=["sensitive"])
        response = post_editor_action(self.client, self.page, "save", sensitivity=[], title="改了标题")
        self.assertContains(response, "只有本单位审核人或主要领导可以取消敏感标记。")
        latest = self.reload().get_latest_revision_as_object()
        self.assertEqual((latest.sensitivity_marks, latest.title), (["sensitive"], "县教育局召开秋季开学工作会议"))
        post_editor_action(self.as_user(self.reviewer), self.page, "save", sensitivity=[])
        self.assertEqual(self.reload().get_latest_revision_as_object().sensitivity_marks, [])

    def test_scheduling_a_go_live_time_without_approval_publishes_nothing(self):
        go_live = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
        post_editor_action(self.as_user(self.editor), self.page, "publish", go_live_at=go_live)
        page = self.reload()
        self.assertFalse(page.live)
        self.assertFalse(page.revisions.filter(approved_go_live_at__isnull=False).exists())

    def test_no_write_api(self):
        response = self.as_user(self.reviewer).post(f"/admin/api/main/pages/{self.page.pk}/", {"live": True})
        self.assertIn(response.status_code, (403, 404, 405))
        self.assert_not_published()


class WorkflowTest(NormalAndSensitivePathChecks, BypassAttemptChecks, WorkflowTestCase):
    """The checks above on one shared tree, built once (WorkflowTestCase.setUpTestData)."""
