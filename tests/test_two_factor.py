"""Two-factor sign-in through the admin login: forced for the portal administrator and the portal
centre, optional for unit staff, TOTP codes from django-otp's own algorithm, recovery codes once."""

from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from operations.twofactor import new_recovery_codes
from tests.factories import PASSWORD, make_role_users, make_unit, make_user

SETUP, VERIFY = "/admin/two-factor/setup/", "/admin/two-factor/verify/"


def current_code(device):
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


@override_settings(TWO_FACTOR_ENFORCED=True)
class TwoFactorTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("portal-admin", superuser=True)
        cls.editor = make_role_users(make_unit("alpha"))[0]
        centre = Group.objects.create(name="互动交流中心")
        centre.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.centre_user = make_user("centre", [centre])

    def sign_in(self, user):
        response = self.client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
        self.assertEqual(response.status_code, 302)

    def paired(self, user):
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)

    def assertSentTo(self, step, path="/admin/"):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 302, path)
        self.assertTrue(response["Location"].startswith(step + "?next="), response["Location"])

    def test_superuser_without_device_must_set_up_before_any_admin_page(self):
        self.sign_in(self.admin)
        for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/two-factor/"):
            self.assertSentTo(SETUP, path)
        self.assertEqual(self.client.get("/admin/sprite/").status_code, 200)  # the steps' icons
        page = self.client.get(SETUP)
        self.assertContains(page, "设置两步验证")
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=self.admin, confirmed=False)
        self.assertContains(page, device.config_url.split("secret=")[1].split("&")[0])
        shown = self.client.post(SETUP, {"code": current_code(device), "next": "/admin/pages/"})
        self.assertContains(shown, "恢复代码")
        codes = list(StaticToken.objects.filter(device__user=self.admin).values_list("token", flat=True))
        self.assertEqual(len(codes), 10)
        for code in codes:
            self.assertContains(shown, code)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        # Shown once: the setup page now leads away, and showing codes again makes new ones.
        self.assertRedirects(self.client.get(SETUP), "/admin/two-factor/", fetch_redirect_response=False)

    def test_wrong_setup_code_is_refused_in_chinese(self):
        self.sign_in(self.admin)
        self.client.get(SETUP)
        response = self.client.post(SETUP, {"code": "000000"})
        self.assertContains(response, "验证码不正确或已过期")
        self.assertFalse(TOTPDevice.objects.filter(user=self.admin, confirmed=True).exists())
        self.assertSentTo(SETUP)

    def test_login_with_device_requires_a_valid_code(self):
        device = self.paired(self.admin)
        self.sign_in(self.admin)
        self.assertSentTo(VERIFY, "/admin/pages/")
        response = self.client.post(VERIFY, {"code": current_code(device), "next": "/admin/pages/"})
        self.assertRedirects(response, "/admin/pages/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_wrong_code_keeps_the_user_out(self):
        self.paired(self.admin)
        self.sign_in(self.admin)
        response = self.client.post(VERIFY, {"code": "123456"})
        self.assertContains(response, "验证码不正确、已过期或已使用")
        self.assertSentTo(VERIFY)

    def test_recovery_code_works_once(self):
        self.paired(self.admin)
        code = new_recovery_codes(self.admin)[0]
        self.sign_in(self.admin)
        self.assertRedirects(self.client.post(VERIFY, {"code": code}), "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.client.post("/admin/logout/")
        self.sign_in(self.admin)
        self.assertContains(self.client.post(VERIFY, {"code": code}), "验证码不正确、已过期或已使用")
        self.assertSentTo(VERIFY)

    def test_portal_centre_is_forced_and_unit_editor_is_not(self):
        self.sign_in(self.centre_user)
        self.assertSentTo(SETUP)
        self.client.post("/admin/logout/")
        self.sign_in(self.editor)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertContains(self.client.get("/admin/two-factor/"), "两步验证未开启")

    def test_editor_who_opted_in_signs_in_with_a_code_and_may_turn_it_off(self):
        device = self.paired(self.editor)
        self.sign_in(self.editor)
        self.assertSentTo(VERIFY)
        self.client.post(VERIFY, {"code": current_code(device)})
        self.client.post("/admin/two-factor/turn-off/")
        self.assertFalse(TOTPDevice.objects.filter(user=self.editor).exists())

    def test_administrator_resets_a_lost_device_and_nobody_else_may(self):
        self.paired(self.editor)
        admin_device = self.paired(self.admin)
        self.sign_in(self.admin)
        self.client.post(VERIFY, {"code": current_code(admin_device)})
        reset = f"/admin/two-factor/reset/{self.editor.pk}/"
        self.assertContains(self.client.get("/admin/users/"), reset)
        self.assertContains(self.client.get("/admin/account/"), "/admin/two-factor/")
        self.assertContains(self.client.get(reset), "重置两步验证")
        self.client.post(reset)
        self.assertFalse(TOTPDevice.objects.filter(user=self.editor).exists())
        self.client.post("/admin/logout/")
        self.paired(self.centre_user)
        self.sign_in(self.editor)
        refused = self.client.post(f"/admin/two-factor/reset/{self.centre_user.pk}/")
        self.assertRedirects(refused, "/admin/", fetch_redirect_response=False)  # Wagtail's permission refusal
        self.assertTrue(TOTPDevice.objects.filter(user=self.centre_user).exists())

    def test_reset_command_for_the_sole_administrator(self):
        self.paired(self.admin)
        new_recovery_codes(self.admin)
        call_command("reset_two_factor", self.admin.username, stdout=StringIO())
        self.assertFalse(StaticToken.objects.filter(device__user=self.admin).exists())
        self.sign_in(self.admin)
        self.assertSentTo(SETUP)
