"""Approving is the obvious action, says what it did (in the editor and from the dashboard), the submit
dialog names the steps, the dashboard counts what waits for an approver, and nobody approves their own
submission."""

import re
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from content.models import ColumnPage, NewsPage
from interaction.models import Case, Deadline, DeadlineKind, Kind
from interaction.workflow import draft_reply, submit
from tests.admin_text import visible_text
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action, workflow_action


class ApprovingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.second_reviewer = make_user("jyj-reviewer2", [cls.unit.reviewer_group])
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")

    def item(self, author, title="县教育局召开秋季开学工作会议"):
        page = self.column.add_child(instance=NewsPage(title=title, body="<p>正文</p>", live=False))
        page.save_revision(user=author)
        return page

    def act(self, user, page, action, **changes):
        self.client.force_login(user)
        if action in ("approve", "reject"):
            changes["workflow-action-name"] = action
            action = "workflow-action"
        response = post_editor_action(self.client, page, action, **changes)
        self.assertEqual(response.status_code, 200)
        return visible_text(response.content.decode())

    def test_approve_is_the_main_button_and_return_comes_next(self):
        page = self.item(self.editor)
        self.act(self.editor, page, "submit")
        self.client.force_login(self.reviewer)
        html = self.client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        footer = html[html.index('class="footer') :]
        self.assertLess(footer.index("审核通过"), footer.index("退回修改"))
        self.assertLess(footer.index("退回修改"), footer.index("保存草稿"))

    def test_each_action_says_where_the_item_is(self):
        normal = self.item(self.editor)
        self.act(self.editor, normal, "submit")
        self.assertIn("已发布", self.act(self.reviewer, normal, "approve"))
        self.assertTrue(NewsPage.objects.get(pk=normal.pk).live)

        sensitive = self.item(self.editor, "关于调整全县学区划分的通告")
        self.act(self.editor, sensitive, "submit", sensitivity=["policy"])
        self.assertIn("已通过审签，待主要领导审核", self.act(self.reviewer, sensitive, "approve"))
        self.assertIn("已发布", self.act(self.leader, sensitive, "approve"))

        returned = self.item(self.editor, "县教育局开展校园安全检查")
        self.act(self.editor, returned, "submit")
        text = self.act(
            self.reviewer, returned, "reject", **{"workflow-action-extra-data": '{"comment": "请补充图片"}'}
        )
        self.assertIn("已退回", text)
        self.assertNotIn("已被更新", text)

    def test_nobody_approves_their_own_submission(self):
        own = self.item(self.reviewer, "审核人自己写的信息")
        self.act(self.reviewer, own, "submit")
        self.client.force_login(self.reviewer)
        self.assertNotIn("审核通过", self.client.get(f"/admin/pages/{own.pk}/edit/").content.decode())
        refused = visible_text(workflow_action(self.client, own, "approve").content.decode())
        self.assertIn("没有权限", refused)
        self.assertFalse(NewsPage.objects.get(pk=own.pk).live)
        # Not among the items awaiting the reviewer's approval on the dashboard; the editor's item is.
        other = self.item(self.editor, "信息员写的信息")
        self.act(self.editor, other, "submit")
        self.client.force_login(self.reviewer)
        dashboard = self.client.get("/admin/").content.decode()
        self.assertIn(f"workflow/action/{other.pk}/approve/", dashboard)
        self.assertNotIn(f"workflow/action/{own.pk}/approve/", dashboard)
        # Another reviewer of the unit approves it.
        text = self.act(self.second_reviewer, own, "approve")
        self.assertIn("已发布", text)
        self.assertTrue(NewsPage.objects.get(pk=own.pk).live)

    def test_approving_from_the_dashboard_says_where_the_item_is(self):
        normal, sensitive = self.item(self.editor), self.item(self.editor, "关于调整全县学区划分的通告")
        self.act(self.editor, normal, "submit")
        self.act(self.editor, sensitive, "submit", sensitivity=["policy"])
        self.client.force_login(self.reviewer)
        said = visible_text(workflow_action(self.client, normal, "approve").content.decode())
        self.assertIn("县教育局召开秋季开学工作会议：已发布", said)
        said = visible_text(workflow_action(self.client, sensitive, "approve").content.decode())
        self.assertIn("关于调整全县学区划分的通告：已通过审签，待主要领导审核", said)
        self.client.force_login(self.leader)
        self.assertIn("已发布", visible_text(workflow_action(self.client, sensitive, "approve").content.decode()))
        self.assertTrue(NewsPage.objects.get(pk=sensitive.pk).live)
        returned = self.item(self.editor, "县教育局开展校园安全检查")
        self.act(self.editor, returned, "submit")
        self.client.force_login(self.reviewer)
        said = visible_text(workflow_action(self.client, returned, "reject", comment="请补充图片").content.decode())
        self.assertIn("县教育局开展校园安全检查：已退回", said)

    def test_the_submit_dialog_names_the_steps_of_marked_and_unmarked_items(self):
        self.client.force_login(self.editor)
        html = self.client.get(f"/admin/pages/add/content/newspage/{self.column.pk}/").content.decode()
        dialog = html[html.index('id="submit-steps-dialog"') :]
        unmarked, marked = re.findall(r'data-w-rules-target="show"[^>]*>(.*?)</div>', dialog, re.S)
        self.assertIn("云溪县教育局审签", visible_text(unmarked))
        self.assertNotIn("主要领导审核", visible_text(unmarked))
        self.assertIn("云溪县教育局审签 云溪县教育局主要领导审核", visible_text(marked))
        self.assertIn('name="action-submit"', dialog)

    def test_the_dashboard_counts_what_waits_for_the_reviewer(self):
        self.act(self.editor, self.item(self.editor), "submit")
        code, password = Case.new_credentials()
        reply = submit(
            Case(
                kind=Kind.CONSULTATION,
                unit=self.unit,
                tracking_code=code,
                title="开学时间咨询",
                body="何时开学？",
                name="王五",
                phone="13800000000",
                submission_token="6b1f5a0e-0000-4000-8000-000000000002",
            ),
            password,
        )
        reply.status, reply.unit = "processing", self.unit  # as after the centre transferred it
        draft_reply(reply, self.editor, "九月一日开学。", reply_type="answered")
        Deadline.objects.filter(case=reply, kind=DeadlineKind.REPLY).update(due_at=timezone.now() - timedelta(days=1))
        self.client.force_login(self.reviewer)
        text = visible_text(self.client.get("/admin/").content.decode())
        self.assertIn("待我处理 1 待我审核的信息 1 待我审核的答复 1 超期留言", text)
        self.client.force_login(self.editor)
        self.assertNotIn("待我处理", visible_text(self.client.get("/admin/").content.decode()))
