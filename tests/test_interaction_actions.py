"""The case-handling screen offers the actions of the case's kind and state only, the reply first;
an action that does not apply is refused, and a refused form keeps what was typed."""

import re

from django.urls import reverse

from interaction.models import Case
from tests.test_interaction_hostile import PublicFormsTestBase
from tests.test_interaction_support import act, submit


class CaseActionsTest(PublicFormsTestBase):
    def offered(self, case, user=None):
        """The actions the handling screen offers, in screen order."""
        self.client.force_login(user or self.editor)
        page = self.client.get(reverse("interaction_case:handle", args=[case.pk]))
        self.assertEqual(page.status_code, 200)
        return re.findall(r'name="action" value="(\w+)"', page.content.decode())

    def case(self, kind):
        self.client.logout()
        return submit(self.client, kind, host=self.unit.host)[0]

    def test_a_consultation_offers_the_reply_and_transfer_only(self):
        case = self.case("consultation")
        self.assertEqual(self.offered(case), ["draft", "transfer"])
        response = act(self.client, case, "acknowledge", workdays=5)
        self.assertContains(response, "只有投诉需要受理", status_code=400)
        response = act(self.client, case, "start_third_party", text="征求意见")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Case.objects.get(pk=case.pk).pauses.exists())

    def test_a_complaint_is_acknowledged_once(self):
        case = self.case("complaint")
        self.assertEqual(self.offered(case), ["draft", "acknowledge", "transfer"])
        self.assertEqual(act(self.client, case, "acknowledge", workdays=5).status_code, 302)
        self.assertEqual(self.offered(case), ["draft", "transfer"])

    def test_a_disclosure_request_follows_its_procedure(self):
        case = self.case("disclosure")
        self.assertEqual(self.offered(case), ["confirm_receipt", "transfer"])
        self.assertEqual(act(self.client, case, "draft", text="答复", disclosure_outcome="disclosed").status_code, 400)
        act(self.client, case, "confirm_receipt")
        self.assertEqual(self.offered(case), ["draft", "request_correction", "start_third_party", "extend", "transfer"])
        act(self.client, case, "start_third_party", text="涉及第三方商业秘密")
        self.assertEqual(self.offered(case), ["draft", "request_correction", "end_third_party", "extend", "transfer"])
        act(self.client, case, "end_third_party")
        act(self.client, case, "request_correction", text="请写明文号。")
        self.assertEqual(self.offered(case), ["correction_received"])

    def test_a_draft_awaiting_approval_offers_approval_to_the_reviewer_only(self):
        case = self.case("suggestion")
        self.client.force_login(self.editor)
        act(self.client, case, "draft", text="感谢建议。", reply_type="answered")
        self.assertEqual(self.offered(case), [])
        self.assertEqual(self.offered(case, self.reviewer), ["approve", "return_draft"])
        act(self.client, case, "approve")
        self.assertEqual(self.offered(case, self.reviewer), [])

    def test_the_reply_form_is_above_the_other_actions_and_keeps_what_was_typed(self):
        case = self.case("consultation")
        self.client.force_login(self.editor)
        page = self.client.get(reverse("interaction_case:handle", args=[case.pk])).content.decode()
        self.assertLess(page.index('value="draft"'), page.index(">转办</summary>"))
        self.assertLess(page.index('value="draft"'), page.index("办理时限"))
        response = act(self.client, case, "draft", text="招生时间为每年七月。", reply_type="cannot_answer")
        self.assertContains(response, "请说明无法答复的原因", status_code=400)
        self.assertContains(response, "招生时间为每年七月。", status_code=400)
