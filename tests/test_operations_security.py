"""Security through the surfaces people use: CSP headers, admin login lockout, sessions,
password strength, and upload validation in the Wagtail admin."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import PASSWORD, make_role_users, make_unit, make_user

Document = get_document_model()
Image = get_image_model()
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


class ContentSecurityPolicyTest(TestCase):
    def test_public_pages_get_the_strict_policy(self):
        policy = self.client.get("/").headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'"):
            self.assertIn(directive, policy)
        self.assertNotIn("unsafe", policy)

    def test_admin_pages_render_under_their_policy(self):
        unit = make_unit("jyj", seed=4)
        self.client.force_login(make_user("admin", superuser=True))
        for url in (
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_pages:edit", args=[unit.home_page.pk]),
            reverse("wagtailimages:add"),
            reverse("wagtaildocs:add_multiple"),
            reverse("operations_tasks"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = response.headers["Content-Security-Policy"]
                self.assertIn("script-src 'self' 'unsafe-inline'", policy)
                self.assertIn("object-src 'none'", policy)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
class LoginLockoutTest(TestCase):
    def login(self, username, password):
        return self.client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})

    def test_five_failures_lock_the_account_with_a_chinese_message(self):
        make_user("editor")
        make_user("colleague")
        for _attempt in range(4):
            response = self.login("editor", "wrong-password")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "密码不匹配")
        response = self.login("editor", "wrong-password")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "该账号连续 5 次登录失败，已被锁定", status_code=429)

        response = self.login("editor", PASSWORD)  # even the right password
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # The lock is on this account from this address; a colleague can still sign in.
        self.assertRedirects(
            self.login("colleague", PASSWORD), reverse("wagtailadmin_home"), fetch_redirect_response=False
        )

    def test_the_lock_lifts_after_the_cool_off(self):
        make_user("editor")
        start = timezone.now()
        with freeze_time(start):
            for _attempt in range(5):
                self.login("editor", "wrong-password")
            self.assertEqual(self.login("editor", PASSWORD).status_code, 429)
        with freeze_time(start + datetime.timedelta(minutes=31)):
            self.assertEqual(self.login("editor", PASSWORD).status_code, 302)


class SessionTest(TestCase):
    def test_admin_sessions_end_with_the_browser_and_after_two_idle_hours(self):
        make_user("admin", superuser=True)
        start = timezone.now()
        with freeze_time(start):
            response = self.client.post(reverse("wagtailadmin_login"), {"username": "admin", "password": PASSWORD})
            self.assertEqual(response.status_code, 302)
            cookie = response.cookies["sessionid"]
            self.assertEqual((cookie["expires"], cookie["max-age"]), ("", ""))  # a browser-session cookie
        with freeze_time(start + datetime.timedelta(hours=1, minutes=50)):  # activity extends the session
            self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
        with freeze_time(start + datetime.timedelta(hours=3, minutes=40)):
            self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
        with freeze_time(start + datetime.timedelta(hours=5, minutes=41)):
            response = self.client.get(reverse("wagtailadmin_home"))
            self.assertRedirects(
                response, f"{reverse('wagtailadmin_login')}?next=/admin/", fetch_redirect_response=False
            )


class PasswordStrengthTest(TestCase):
    def test_an_administrator_cannot_give_an_account_a_short_password(self):
        self.client.force_login(make_user("admin", superuser=True))
        data = {
            "username": "newuser",
            "email": "new@example.com",
            "first_name": "新",
            "last_name": "用户",
            "password1": "Short-Pw-11",
            "password2": "Short-Pw-11",
        }
        response = self.client.post(reverse("wagtailusers_users:add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "密码长度太短。密码必须包含至少 12 个字符。")
        self.assertFalse(response.wsgi_request.user.__class__.objects.filter(username="newuser").exists())


class UploadValidationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", seed=5)
        cls.editor = make_role_users(cls.unit)[0]

    def setUp(self):
        self.client.force_login(self.editor)

    def upload_document(self, name, content):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {"title": "招生简章", "collection": self.unit.collection.pk, "file": SimpleUploadedFile(name, content)},
        )

    def test_documents_whose_content_matches_their_extension_are_accepted(self):
        self.assertEqual(self.upload_document("jianzhang.pdf", PDF).status_code, 302)
        self.assertEqual(self.upload_document("jianzhang.txt", "招生简章全文".encode("gb18030")).status_code, 302)
        self.assertEqual(Document.objects.count(), 2)

    def test_a_disguised_file_is_refused_in_chinese_and_nothing_is_stored(self):
        for name, content in (("jianzhang.pdf", EXE), ("jianzhang.docx", PDF), ("jianzhang.txt", EXE)):
            with self.subTest(name=name):
                response = self.upload_document(name, content)
                self.assertEqual(response.status_code, 200)
                extension = name.rsplit(".", 1)[1]
                self.assertContains(response, f"文件内容与扩展名“.{extension}”不符")
        self.assertEqual(Document.objects.count(), 0)

    def test_refused_extension_and_size_in_chinese(self):
        response = self.upload_document("setup.exe", EXE)
        self.assertContains(response, "文件扩展“exe”是不被允许")
        with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024):
            response = self.upload_document("big.pdf", PDF + b"0" * 2048)
        self.assertContains(response, "文件过大")
        self.assertEqual(Document.objects.count(), 0)

    def test_the_multiple_uploader_checks_content_too(self):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {"title": "x", "collection": self.unit.collection.pk, "files[]": SimpleUploadedFile("jianzhang.pdf", EXE)},
        )
        self.assertFalse(response.json()["success"])
        self.assertIn("文件内容与扩展名“.pdf”不符", response.json()["error_message"])
        self.assertEqual(Document.objects.count(), 0)

    def test_images_are_checked_for_real_format_and_size(self):
        def upload(name, content):
            return self.client.post(
                reverse("wagtailimages:add"),
                {
                    "title": "校园",
                    "description": "校园一角",
                    "collection": self.unit.collection.pk,
                    "file": SimpleUploadedFile(name, content),
                },
            )

        png = get_test_image_file().file.getvalue()
        self.assertContains(upload("campus.jpg", png), "扩展名")  # PNG content named .jpg
        self.assertContains(upload("campus.png", EXE), "请上传一张有效的图片")
        with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100):
            self.assertContains(upload("campus.png", png), "文件过大")
        self.assertEqual(Image.objects.count(), 0)
        self.assertEqual(upload("campus.png", png).status_code, 302)
