"""The 依申请公开 form records who applies (自然人/法人/其他组织 with the organisation's data), the address
and 获取方式 for the annual report; refusals carry the report's reason category."""

from django.urls import reverse

from interaction.models import Case
from tests.factories import credit_code
from tests.test_interaction_hostile import PublicFormsTestBase
from tests.test_interaction_support import REQUIRED, act, form_data, submit

SUBMIT = reverse("interaction:submit", args=["disclosure"])
ORGANISATION = {
    "applicant_type": "legal_person",
    "organisation_name": "云溪县青石建材有限公司",
    "organisation_category": "business",
    "organisation_credit_code": credit_code(4242),
    "legal_representative": "赵建国",
    "id_number": "",
    "delivery_method": "post",
}


class DisclosureApplicantTest(PublicFormsTestBase):
    def post(self, **fields):
        return self.client.post(SUBMIT, form_data(self.client, "disclosure", **fields), HTTP_HOST=self.unit.host)

    def test_the_form_asks_who_applies_where_and_how(self):
        page = self.client.get(SUBMIT, HTTP_HOST=self.unit.host)
        for text in (
            "申请人类型",
            "自然人",
            "法人",
            "其他组织",
            "统一社会信用代码",
            "法定代表人",
            "通讯地址",
            "获取信息的方式",
            "当场阅读、抄录",
            "商业企业",
        ):
            self.assertContains(page, text)
        self.assertNotContains(self.client.get(reverse("interaction:submit", args=["consultation"])), "申请人类型")

    def test_an_organisation_is_stored_with_its_data(self):
        case, _password = submit(self.client, "disclosure", host=self.unit.host, **ORGANISATION)
        self.assertEqual(
            (
                case.applicant_type,
                case.organisation_category,
                case.organisation_name,
                case.delivery_method,
                case.address,
                case.id_number,
            ),
            ("legal_person", "business", "云溪县青石建材有限公司", "post", "云溪县城关街道1号", ""),
        )
        self.client.force_login(self.editor)
        screen = self.client.get(reverse("interaction_case:handle", args=[case.pk]))
        for text in ("法人", "云溪县青石建材有限公司", "商业企业", "赵建国", "邮寄"):
            self.assertContains(screen, text)

    def test_a_wrong_credit_code_or_missing_organisation_data_is_refused_keeping_the_text(self):
        response = self.post(
            **{**ORGANISATION, "organisation_credit_code": "91330100MA27XXXXX1", "legal_representative": ""}
        )
        self.assertContains(response, "统一社会信用代码的校验位不正确")
        self.assertContains(response, "申请人为法人或其他组织时，此项必填。")
        self.assertContains(response, 'value="云溪县青石建材有限公司"')
        self.assertFalse(Case.objects.exists())

    def test_a_natural_person_gives_an_id_number_and_no_organisation(self):
        response = self.post(id_number="", address="", delivery_method="")
        self.assertContains(response, "申请人为自然人时，请填写身份证号码。")
        self.assertContains(response, REQUIRED, count=2)
        case, _password = submit(self.client, "disclosure", host=self.unit.host, organisation_name="不应保存")
        self.assertEqual((case.applicant_type, case.organisation_name), ("natural_person", ""))

    def test_a_refusal_records_its_reason_category(self):
        case, _password = submit(self.client, "disclosure", host=self.unit.host)
        self.client.force_login(self.editor)
        act(self.client, case, "confirm_receipt")
        form = self.client.get(reverse("interaction_case:handle", args=[case.pk])).content.decode()
        self.assertIn('<optgroup label="无法提供">', form)
        response = act(self.client, case, "draft", text="经查，", disclosure_outcome="unavailable", reason="未制作。")
        self.assertContains(response, "请选择与答复结果相符的理由类别", status_code=400)
        act(
            self.client,
            case,
            "draft",
            text="经查，",
            disclosure_outcome="unavailable",
            reason="未制作。",
            disclosure_reason="unavailable_not_held",
        )
        self.assertEqual(Case.objects.get(pk=case.pk).disclosure_reason, "unavailable_not_held")
