"""Reply types and reasons ("cannot be answered", disclosure outcomes) through the admin and the public
pages, and the applicant's online 补正 on the tracking page: once, within its window, restarting the clock."""

import datetime
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.urls import reverse
from freezegun import freeze_time

from interaction.models import Case, DeadlineKind, DeadlineState
from tests.test_interaction_hostile import PublicFormsTestBase
from tests.test_interaction_support import act, submit, track

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SH)


class ReplyTypeTest(PublicFormsTestBase):
    def test_a_consultation_that_cannot_be_answered_states_why_publicly(self):
        case, password = submit(self.client, host=self.unit.host, publish_consent="on")
        self.client.force_login(self.editor)
        response = act(self.client, case, "draft", text="您好。", reply_type="cannot_answer", reason="  ")
        self.assertContains(response, "请说明无法答复的原因", status_code=400)
        self.assertEqual(Case.objects.get(pk=case.pk).status, "processing")
        self.staff(
            self.editor,
            case,
            "draft",
            text="您好。",
            reply_type="cannot_answer",
            reason="该事项属于县人社局职责，请致电0577-12345678咨询。",
        )
        self.staff(self.reviewer, case, "approve")
        case.refresh_from_db()
        self.assertEqual((case.reply_type, case.disclosure_outcome), ("cannot_answer", ""))
        for page in (
            self.client.get(reverse("interaction:reply", args=[case.tracking_code])),
            track(self.client, case, password),
        ):
            self.assertContains(page, "<dt>答复类型</dt><dd>无法答复</dd>", html=False)
            self.assertContains(page, "<dt>理由</dt>")
            self.assertContains(page, "该事项属于县人社局职责")

    def test_a_disclosure_reply_needs_an_outcome_and_a_reason_for_any_refusal(self):
        case, password = submit(self.client, "disclosure", host=self.unit.host, publish_consent="on")
        self.staff(self.editor, case, "confirm_receipt")
        self.client.force_login(self.editor)
        form = self.client.get(reverse("interaction_case:handle", args=[case.pk])).content.decode()
        self.assertIn('name="draft-disclosure_outcome"', form)
        self.assertNotIn('name="draft-reply_type"', form)
        response = act(self.client, case, "draft", text="经审查，", disclosure_outcome="")
        self.assertEqual(response.status_code, 400)
        response = act(self.client, case, "draft", text="经审查，", disclosure_outcome="withheld")
        self.assertContains(response, "请说明未能全部公开的理由", status_code=400)
        response = act(
            self.client,
            case,
            "draft",
            text="经审查，",
            disclosure_outcome="withheld",
            reason="属于国家秘密（条例第十四条）。",
            disclosure_reason="unavailable_not_held",
        )
        self.assertContains(response, "请选择与答复结果相符的理由类别", status_code=400)
        self.staff(
            self.editor,
            case,
            "draft",
            text="经审查，",
            disclosure_outcome="withheld",
            reason="属于国家秘密（条例第十四条）。",
            disclosure_reason="withheld_state_secret",
        )
        self.staff(self.reviewer, case, "approve")
        self.assertEqual(Case.objects.get(pk=case.pk).disclosure_outcome, "withheld")
        self.assertEqual(Case.objects.get(pk=case.pk).disclosure_reason, "withheld_state_secret")
        page = track(self.client, case, password)
        self.assertContains(page, "<dt>答复结果</dt><dd>不予公开（属于国家秘密）</dd>", html=False)
        self.assertContains(page, "属于国家秘密（条例第十四条）。")

    def test_a_full_disclosure_needs_no_reason(self):
        case, _password = submit(self.client, "disclosure", host=self.unit.host)
        self.staff(self.editor, case, "confirm_receipt")
        self.staff(self.editor, case, "draft", text="现将信息提供如下。", disclosure_outcome="disclosed")
        self.assertEqual(Case.objects.get(pk=case.pk).status, "review")


class OnlineCorrectionTest(PublicFormsTestBase):
    def request_correction(self, when):
        with freeze_time(at(2026, 6, 1, 10, 0)):
            case, password = submit(self.client, "disclosure", host=self.unit.host)
        with freeze_time(at(2026, 6, 2, 9, 0)):
            self.staff(self.editor, case, "confirm_receipt")
        with freeze_time(when):
            self.staff(self.editor, case, "request_correction", text="请写明所需信息的文号。")
        return case, password

    def test_the_applicant_corrects_online_once_and_the_clock_restarts(self):
        case, password = self.request_correction(at(2026, 6, 5, 9, 0))
        window = case.deadlines.get(kind=DeadlineKind.APPLICANT_CORRECTION)
        # 15 working days from 5 June; the Dragon Boat Festival (19 June) is not one of them.
        self.assertEqual(window.due_at, at(2026, 6, 29, 23, 59, 59))
        with freeze_time(at(2026, 6, 10, 9, 0)):
            page = track(self.client, case, password)
            self.assertContains(page, "请写明所需信息的文号。")
            self.assertContains(page, "截至 2026-06-29 23:59")
            self.assertContains(page, 'action="%s"' % reverse("interaction:correct", args=[case.tracking_code]))
            response = self.client.post(
                reverse("interaction:correct", args=[case.tracking_code]),
                {"text": "所需信息：云教发〔2026〕3号文件。"},
                follow=True,
            )
        self.assertContains(response, "补正已收到")
        self.assertContains(response, "所需信息：云教发〔2026〕3号文件。")
        self.assertNotContains(response, 'name="text"')  # once only
        case.refresh_from_db()
        self.assertEqual((case.status, case.correction_text), ("processing", "所需信息：云教发〔2026〕3号文件。"))
        self.assertEqual(case.deadlines.get(kind=DeadlineKind.APPLICANT_CORRECTION).state, DeadlineState.MET)
        # The reply clock restarts on 10 June: 20 working days, as for a correction received in person.
        self.assertEqual(case.deadlines.get(kind=DeadlineKind.REPLY).due_at, at(2026, 7, 9, 23, 59, 59))
        with freeze_time(at(2026, 6, 11, 9, 0)):
            track(self.client, case, password)
            again = self.client.post(reverse("interaction:correct", args=[case.tracking_code]), {"text": "再补"})
        self.assertContains(again, "当前没有待补正的申请", status_code=400)
        self.assertEqual(Case.objects.get(pk=case.pk).correction_text, "所需信息：云教发〔2026〕3号文件。")
        self.client.force_login(self.editor)
        self.assertContains(
            self.client.get(reverse("interaction_case:handle", args=[case.pk])), "所需信息：云教发〔2026〕3号文件。"
        )

    def test_a_correction_after_the_window_is_refused(self):
        case, password = self.request_correction(at(2026, 6, 5, 9, 0))
        with freeze_time(at(2026, 6, 30, 9, 0)):
            page = track(self.client, case, password)
            self.assertNotContains(page, 'name="text"')
            response = self.client.post(
                reverse("interaction:correct", args=[case.tracking_code]), {"text": "迟到的补正"}
            )
        self.assertContains(response, "补正期限已过", status_code=400)
        self.assertEqual(Case.objects.get(pk=case.pk).status, "correction")

    def test_only_the_applicant_who_opened_the_case_can_correct_it(self):
        case, _password = self.request_correction(at(2026, 6, 5, 9, 0))
        cache.clear()
        self.client.logout()
        response = self.client.post(reverse("interaction:correct", args=[case.tracking_code]), {"text": "冒名"})
        self.assertRedirects(response, reverse("interaction:track"))
        self.assertEqual(Case.objects.get(pk=case.pk).correction_text, "")
