"""Public forms: intake, receipts, tracking, hostile input, masking (notifications: test_interaction_notify)."""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from interaction.models import Case
from tests.factories import make_unit
from tests.test_interaction_support import VALID_ID, form_data, submit, track

SUBMIT = "interaction:submit"


class IntakeTest(TestCase):
    def setUp(self):
        cache.clear()

    def test_every_kind_has_a_labelled_form(self):
        for kind, label in (
            ("consultation", "咨询"),
            ("complaint", "投诉"),
            ("suggestion", "建议"),
            ("disclosure", "依申请公开"),
        ):
            response = self.client.get(reverse(SUBMIT, args=[kind]))
            self.assertContains(response, f"<h1>{label}")
            self.assertContains(response, '<label for="id_title">')
        self.assertContains(self.client.get(reverse(SUBMIT, args=["disclosure"])), 'for="id_id_number"')

    def test_submission_gives_a_tracking_code_and_password_to_follow_the_case(self):
        case, password = submit(self.client)
        self.assertEqual(case.title, "关于学校招生的咨询")
        self.assertEqual(case.status, "new")
        response = track(self.client, case, password)
        self.assertContains(response, "待分办")
        self.assertContains(response, "已提交")

    def test_wrong_password_is_refused(self):
        case, _password = submit(self.client)
        response = self.client.post(reverse("interaction:track"), {"code": case.tracking_code, "password": "X"})
        self.assertContains(response, "查询码或查询密码不正确")
        response = self.client.get(reverse("interaction:case", args=[case.tracking_code]))
        self.assertRedirects(response, reverse("interaction:track"))

    def test_double_submitted_form_creates_one_case(self):
        data = form_data(self.client)
        first = self.client.post(reverse(SUBMIT, args=["consultation"]), data)
        second = self.client.post(reverse(SUBMIT, args=["consultation"]), data)
        self.assertEqual(Case.objects.count(), 1)
        self.assertEqual(first["Location"], second["Location"])

    def test_validation_error_keeps_what_was_typed(self):
        data = form_data(self.client, phone="12345", body="我的问题很长很详细")
        response = self.client.post(reverse(SUBMIT, args=["consultation"]), data)
        self.assertContains(response, "请输入11位手机号码")
        self.assertContains(response, "我的问题很长很详细")
        self.assertContains(response, 'value="关于学校招生的咨询"')
        self.assertContains(response, 'aria-describedby="id_phone_help id_phone_errors"')
        self.assertEqual(Case.objects.count(), 0)

    def test_submission_on_a_subsite_goes_to_its_unit(self):
        unit = make_unit("jyj", name="云溪县教育局", seed=1)
        case, _password = submit(self.client, host=unit.host)
        self.assertEqual((case.unit, case.status), (unit, "processing"))

    def test_disclosure_requires_a_valid_id_number(self):
        data = form_data(self.client, "disclosure", id_number="110101199003074478")
        response = self.client.post(reverse(SUBMIT, args=["disclosure"]), data)
        self.assertContains(response, "请输入有效的18位居民身份证号码")
        case, _password = submit(self.client, "disclosure")
        self.assertEqual(case.id_number, VALID_ID)
        self.assertIsNone(case.received_at)  # received only once both sides confirm


class HostileInputTest(TestCase):
    def setUp(self):
        cache.clear()

    def post(self, **overrides):
        return self.client.post(reverse(SUBMIT, args=["complaint"]), form_data(self.client, "complaint", **overrides))

    def test_script_tags_are_refused_and_echoed_escaped(self):
        response = self.post(title="<script>alert(1)</script>", body="<img src=x onerror=alert(1)>")
        self.assertContains(response, "请不要在内容中使用HTML标签或脚本", count=2)
        self.assertNotContains(response, "<script>alert(1)")
        self.assertNotContains(response, "<img src=x")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertEqual(Case.objects.count(), 0)

    def test_sql_fragments_are_stored_as_plain_text(self):
        response = self.post(title="1' OR '1'='1", body="'; DROP TABLE interaction_case; --")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Case.objects.get().body, "'; DROP TABLE interaction_case; --")

    def test_a_one_megabyte_body_is_refused(self):
        response = self.post(body="长" * (1024 * 1024 // 3))
        self.assertContains(response, "内容最多5000个字符（现有349525个）")
        self.assertEqual(Case.objects.count(), 0)

    def test_wrong_file_types_and_disguised_files_are_refused(self):
        exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        self.assertContains(self.post(attachment=exe), "只接受以下文件类型")
        fake = SimpleUploadedFile("scan.pdf", b"<html><script>", content_type="application/pdf")
        self.assertContains(self.post(attachment=fake), "文件内容与其类型不符")
        big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
        self.assertContains(self.post(attachment=big), "附件最大为5 MB")
        self.assertContains(self.post(attachment=fake), "请重新选择文件")
        self.assertEqual(Case.objects.count(), 0)
        pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.7 test", content_type="application/pdf")
        self.assertEqual(self.post(attachment=pdf).status_code, 302)
        self.assertTrue(Case.objects.get().attachment.name.endswith(".pdf"))

    def test_wrong_captcha_is_refused(self):
        response = self.post(captcha_1="WRONG")
        self.assertContains(response, "验证码错误")
        self.assertEqual(Case.objects.count(), 0)

    @override_settings(INTERACTION_RATE_LIMIT=(3, 3600))
    def test_floods_from_one_address_are_refused(self):
        for _ in range(3):
            self.assertEqual(self.post(title=f"投诉{_}").status_code, 302)
        response = self.post(title="第四次")
        self.assertContains(response, "提交过于频繁", status_code=429)
        self.assertContains(response, "第四次", status_code=429)
        self.assertEqual(Case.objects.count(), 3)
        other = self.client.post(
            reverse(SUBMIT, args=["complaint"]), form_data(self.client, "complaint"), REMOTE_ADDR="10.0.0.9"
        )
        self.assertEqual(other.status_code, 302)


class MaskingTest(TestCase):
    def test_phone_and_id_numbers_are_masked_on_public_pages(self):
        body = f"我的身份证{VALID_ID}，电话13987654321，座机0577-88886666"
        case, password = submit(self.client, "disclosure", body=body, publish_consent="on")
        page = track(self.client, case, password).content.decode()
        for secret in (VALID_ID, "13987654321", "88886666", "13812345678"):
            self.assertNotIn(secret, page)
        self.assertIn("110***********4477", page)
        self.assertIn("139****4321", page)
        self.assertIn("0577-****6666", page)
