"""领导信箱: letters to the county leaders, submitted on the portal, handled by the county office with a
consultation's deadlines, tracked and published with the citizen masked; other units never see them."""

import re

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from interaction.models import Case, DeadlineKind
from tests.factories import make_role_users, make_unit
from tests.test_interaction_support import REQUIRED, act, form_data, submit, track

SUBMIT = reverse("interaction:submit", args=["leader_mail"])


class LeaderMailTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.office = make_unit("zfb", name="云溪县人民政府办公室", seed=1)
        cls.other = make_unit("jyj", name="云溪县教育局", seed=2)
        cls.editor, cls.reviewer, _leader = make_role_users(cls.office)
        cls.other_editor = make_role_users(cls.other)[0]

    def setUp(self):
        cache.clear()

    def test_the_portal_offers_the_form_and_unit_sites_do_not(self):
        self.assertContains(self.client.get(reverse("interaction:index")), f'href="{SUBMIT}"')
        page = self.client.get(SUBMIT)
        self.assertContains(page, "<h1>领导信箱</h1>", html=False)
        self.assertContains(page, 'name="captcha_1"')
        self.assertNotContains(self.client.get(reverse("interaction:index"), HTTP_HOST=self.other.host), SUBMIT)
        self.assertEqual(self.client.get(SUBMIT, HTTP_HOST=self.other.host).status_code, 404)

    def test_a_letter_goes_to_the_county_office_with_a_consultations_deadlines(self):
        consultation, _password = submit(self.client, "consultation", host=self.office.host)
        case, password = submit(self.client, "leader_mail", title="关于城区停车难的建议")
        self.assertEqual((case.kind, case.unit, case.status), ("leader_mail", self.office, "processing"))
        reply = case.deadlines.get(kind=DeadlineKind.REPLY)
        self.assertEqual(
            reply.explanation.split("，")[0],
            consultation.deadlines.get(kind=DeadlineKind.REPLY).explanation.split("，")[0],
        )
        self.assertTrue(case.deadlines.filter(kind=DeadlineKind.FLOOR).exists())
        self.assertContains(track(self.client, case, password), "关于城区停车难的建议")

    def test_other_units_neither_list_nor_open_a_letter(self):
        case, _password = submit(self.client, "leader_mail", title="给县长的一封信")
        self.client.force_login(self.other_editor)
        self.assertNotContains(self.client.get(reverse("interaction_case:index")), "给县长的一封信")
        self.assertEqual(self.client.get(reverse("interaction_case:handle", args=[case.pk])).status_code, 404)
        self.assertEqual(act(self.client, case, "draft", text="越权", reply_type="answered").status_code, 404)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(reverse("interaction_case:index")), "给县长的一封信")

    def test_the_published_reply_masks_the_citizen(self):
        case, _password = submit(
            self.client,
            "leader_mail",
            title="老旧小区改造",
            publish_consent="on",
            body="我是王小明，电话13812345678，希望加快改造。",
        )
        self.client.force_login(self.editor)
        act(self.client, case, "draft", text="已列入明年改造计划。", reply_type="answered")
        self.client.force_login(self.reviewer)
        act(self.client, case, "approve")
        self.client.logout()
        page = self.client.get(reverse("interaction:reply", args=[case.tracking_code])).content.decode()
        self.assertIn("已列入明年改造计划。", page)
        self.assertIn("领导信箱", page)
        self.assertNotIn("13812345678", page)
        self.assertNotIn("王小明", page)
        self.assertIn("老旧小区改造", self.client.get(reverse("interaction:replies")).content.decode())

    def test_bad_input_gets_a_chinese_error_and_keeps_the_text(self):
        data = form_data(self.client, "leader_mail", title="", phone="12345", body="请关注农村道路养护。")
        response = self.client.post(SUBMIT, data)
        self.assertContains(response, REQUIRED)
        self.assertContains(response, "请输入11位手机号码")
        self.assertContains(response, "请关注农村道路养护。")
        self.assertFalse(Case.objects.exists())

    @override_settings(INTERACTION_RATE_LIMIT=(1, 3600))
    def test_submissions_are_rate_limited_without_losing_the_text(self):
        submit(self.client, "leader_mail")
        response = self.client.post(SUBMIT, form_data(self.client, "leader_mail", body="第二封信的内容"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "第二封信的内容", status_code=429)
        self.assertEqual(Case.objects.count(), 1)

    @override_settings(INTERACTION_LEADER_MAIL_UNIT="none")
    def test_without_a_county_office_the_letter_waits_for_triage(self):
        case, _password = submit(self.client, "leader_mail")
        self.assertEqual((case.unit, case.status), (None, "new"))
        self.assertTrue(re.match(r"\d{8}", case.tracking_code))
