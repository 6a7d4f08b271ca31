"""Publish-time checks: each refuses approval with its exact Chinese message and loses nothing."""

from datetime import date
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from content.models import ColumnPage, InterpretationPage, NewsPage, PolicyAttachment, PolicyPage, ServiceItemPage
from content.vocabularies import PolicyKind
from moderation.models import SensitiveTerm, TermKind, UnitReviewTask
from tests.factories import make_role_users, make_unit
from tests.moderation_helpers import post_editor_action, workflow_action

NO_INTERPRETATION = (
    "该行政规范性文件没有已发布或随同报审的政策解读或便民问答：请一并提交审签，或标注免于解读并说明理由。"
)


class PublishTimeCheckTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("mzj", name="云溪县民政局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.columns = {c.slug: c for c in ColumnPage.objects.child_of(cls.unit.home_page)}
        SensitiveTerm.objects.create(kind=TermKind.BANNED, term="某禁用词")
        SensitiveTerm.objects.create(kind=TermKind.WRONG_FORM, term="李强首相", correct_form="李强总理")

    def draft(self, column_slug, page):
        self.columns[column_slug].add_child(instance=page)
        page.save_revision(user=self.editor)
        return page

    def submit_and_approve(self, page, submit_through_editor=True):
        if submit_through_editor:
            self.client.force_login(self.editor)
            post_editor_action(self.client, page, "submit")
        else:
            self.unit.home_page.specific.get_workflow().start(page, self.editor)
        self.client.force_login(self.reviewer)
        return workflow_action(self.client, page, "approve")

    def assert_refused(self, page, message):
        response = self.submit_and_approve(page)
        self.assertContains(response, "无法通过审核：" + message)
        page = Page.objects.get(pk=page.pk).specific
        self.assertFalse(page.live)
        self.assertIsInstance(page.current_workflow_task.specific, UnitReviewTask)
        return page.get_latest_revision_as_object()

    def news(self, body, title="民政局开展社会救助政策宣传"):
        return self.draft("gzdt", NewsPage(title=title, body=body, source="县民政局", live=False))

    def policy(self, **fields):
        values = dict(
            title="云溪县最低生活保障实施办法",
            policy_kind=PolicyKind.NORMATIVE,
            doc_number="云民发〔2026〕3号",
            issuing_authority="云溪县民政局",
            written_date=date(2026, 3, 1),
            body="<p>第一条 为规范最低生活保障工作……</p>",
            live=False,
        )
        values.update(fields)
        return self.draft("zcwj", PolicyPage(**values))

    def test_normative_document_without_interpretation_is_refused_and_keeps_its_fields(self):
        page = self.policy()
        kept = self.assert_refused(page, NO_INTERPRETATION)
        self.assertEqual((kept.doc_number, kept.issuing_authority), ("云民发〔2026〕3号", "云溪县民政局"))
        self.assertIn("第一条", kept.body)

    def test_exemption_needs_a_reason_and_then_passes(self):
        page = self.policy(interpretation_exempt=True)
        self.assert_refused(page, "免于解读须说明理由。")
        self.client.force_login(self.reviewer)
        post_editor_action(self.client, page, "save", exemption_reason="本文件为程序性修订，解读将于三个工作日内补发。")
        workflow_action(self.client, page, "approve")
        # The reviewer edited the item, so the edited revision needs its own sign-off.
        self.assertFalse(Page.objects.get(pk=page.pk).live)
        workflow_action(self.client, page, "approve")
        self.assertTrue(Page.objects.get(pk=page.pk).live)

    def test_policy_and_interpretation_are_approved_together(self):
        page = self.policy()
        interpretation = self.draft(
            "zcjd",
            InterpretationPage(
                title="《云溪县最低生活保障实施办法》解读", policy=page, body="<p>解读内容</p>", live=False
            ),
        )
        # An unsubmitted draft interpretation does not count.
        self.assert_refused(page, NO_INTERPRETATION)
        self.unit.home_page.specific.get_workflow().start(interpretation, self.editor)
        workflow_action(self.client, page, "approve")
        self.assertTrue(Page.objects.get(pk=page.pk).live)
        self.assertTrue(Page.objects.get(pk=interpretation.pk).live)

    def test_service_item_with_an_empty_field_is_refused(self):
        page = ServiceItemPage(
            title="临时救助申请",
            accepting_agency="县民政局",
            item_type="public_service",
            contact_person="沈丽萍",
            contact_phone="0577-67120005",
            service_target="困难群众",
            time_limit="5个工作日",
            fees="不收费",
            legal_basis="《社会救助暂行办法》",
            conditions="符合条件的困难家庭",
            materials="申请书",
            procedure="申请、审核、审批",
            flowchart=get_image_model().objects.create(
                title="流程图", description="流程图", file=get_test_image_file()
            ),
            supervision="监督电话",
            live=False,
        )
        self.columns["bsfw"].add_child(instance=page)
        # A draft saved in the editor may leave required fields empty (Wagtail defers them).
        page.fees, page.flowchart = "", None
        page.save_revision(user=self.editor, clean=False)
        response = self.submit_and_approve(page, submit_through_editor=False)
        self.assertContains(response, "无法通过审核：办事指南要素不全，请填写：收费情况、流程图。")
        self.assertFalse(Page.objects.get(pk=page.pk).live)

    def test_banned_term_and_wrong_form_of_a_leaders_title_are_refused(self):
        self.assert_refused(self.news("<p>会上提到某禁用词。</p>"), "含有禁用词“某禁用词”。")
        self.assert_refused(
            self.news("<p>李强首相指出……</p>", title="学习讲话精神"), "“李强首相”表述有误，应为“李强总理”。"
        )

    def test_unmasked_personal_numbers_in_the_text_are_refused(self):
        self.assert_refused(
            self.news("<p>申请人身份证号11010519491231002X。</p>"),
            "正文含有未脱敏的身份证号码（110105********002X），请处理后再发布。",
        )
        self.assert_refused(
            self.news("<p>联系电话13812345678。</p>", title="联系方式"),
            "正文含有未脱敏的手机号码（138****5678），请处理后再发布。",
        )
        self.assert_refused(
            self.news("<p>补助打入6222021234567890128账户。</p>", title="补助发放"),
            "正文含有未脱敏的银行卡号（6222***********0128），请处理后再发布。",
        )

    def test_masked_numbers_pass(self):
        page = self.news("<p>申请人身份证号110105********002X，电话138****5678。</p>")
        self.submit_and_approve(page)
        self.assertTrue(Page.objects.get(pk=page.pk).live)

    def test_personal_data_in_attachment_text_is_refused(self):
        document = get_document_model().objects.create(
            title="救助对象名单.txt", file=ContentFile("张三 13812345678".encode(), name="list.txt")
        )
        page = self.policy(policy_kind=PolicyKind.OTHER)
        page.attachments.add(PolicyAttachment(document=document))
        page.save_revision(user=self.editor)
        self.assert_refused(page, "附件“救助对象名单.txt”含有未脱敏的手机号码（138****5678），请处理后再发布。")

    def test_an_empty_column_cannot_go_live(self):
        column = ColumnPage(title="新栏目", column_type="news", live=False)
        self.unit.home_page.add_child(instance=column)
        column.save_revision(user=self.editor)
        self.assert_refused(column, "栏目“新栏目”没有任何内容，空白栏目不能发布。")

    def test_rescan_lists_live_pages_that_fail_after_a_dictionary_change(self):
        page = self.news("<p>本次会议研究了旧提法。</p>")
        self.submit_and_approve(page)
        self.assertTrue(Page.objects.get(pk=page.pk).live)
        SensitiveTerm.objects.create(kind=TermKind.WRONG_FORM, term="旧提法", correct_form="新提法")
        out = StringIO()
        call_command("rescan_published", stdout=out)
        self.assertIn("民政局开展社会救助政策宣传", out.getvalue())
        self.assertIn("“旧提法”表述有误，应为“新提法”。", out.getvalue())
        self.assertIn("1 个已发布页面未通过检查", out.getvalue())
