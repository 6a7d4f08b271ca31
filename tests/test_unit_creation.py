"""A new unit comes up complete: its site identity in the footer, its role accounts (a temporary
password changed at first sign-in) and its place among units of its kind."""

import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from base.models import PasswordChangeRequired
from subsites.models import SiteIdentity, Unit, UnitKind
from tests.factories import credit_code, make_unit, make_user
from tests.test_interaction_support import REQUIRED
from tests.test_units import unit_form_data


class UnitCreationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("portal-admin", superuser=True)
        cls.township = make_unit("qszhen", name="云溪县青石镇人民政府", kind=UnitKind.TOWNSHIP, seed=1)
        cls.department = make_unit("jyj", name="云溪县教育局", seed=2)
        Unit.objects.filter(pk=cls.township.pk).update(sort_order=10)
        Unit.objects.filter(pk=cls.department.pk).update(sort_order=20)

    def setUp(self):
        self.client.force_login(self.admin)

    def create(self, **overrides):
        return self.client.post(reverse("subsites_unit:add"), unit_form_data(sort_order="", **overrides))

    def test_the_form_asks_for_the_site_identity_and_refuses_a_unit_without_its_code(self):
        form = self.client.get(reverse("subsites_unit:add")).content.decode()
        for label in ("网站标识码", "主办单位", "信息员账号", "审核人账号", "主要领导账号"):
            self.assertIn(label, form)
        response = self.create(site_code="", editor_username="tjj-editor")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, REQUIRED)
        self.assertContains(response, 'value="tjj-editor"')  # nothing typed is lost
        self.assertFalse(Unit.objects.filter(code="tjj").exists())
        self.assertFalse(get_user_model().objects.filter(username="tjj-editor").exists())
        response = self.create(site_code="12AB")
        self.assertContains(response, "网站标识码为8-10位数字")

    def test_the_new_subsite_footer_shows_its_identity(self):
        self.assertEqual(self.create(site_code="3399000099", organizer="").status_code, 302)
        unit = Unit.objects.get(code="tjj")
        identity = SiteIdentity.for_site(unit.site)
        self.assertEqual((identity.site_code, identity.organizer), ("3399000099", "云溪县统计局"))
        home = self.client.get("/", HTTP_HOST=unit.host)
        self.assertContains(home, "网站标识码： 3399000099")

    def test_a_footer_without_a_site_code_has_no_empty_label(self):
        self.client.logout()
        home = self.client.get("/", HTTP_HOST=self.department.host).content.decode()
        self.assertNotIn("网站标识码", home)

    def test_role_accounts_are_created_and_must_change_their_password_at_first_sign_in(self):
        response = self.create(
            editor_username="tjj-editor",
            editor_name="王小明",
            editor_email="w@example.com",
            leader_username="tjj-leader",
        )
        self.assertEqual(response.status_code, 302)
        unit = Unit.objects.get(code="tjj")
        message = self.client.get(response["Location"]).content.decode()
        password = re.search(r"tjj-editor ([A-Za-z0-9]{12})", message)[1]
        editor = get_user_model().objects.get(username="tjj-editor")
        self.assertEqual(list(editor.groups.all()), [unit.editor_group])
        self.assertTrue(
            get_user_model().objects.get(username="tjj-leader").groups.filter(pk=unit.leader_group.pk).exists()
        )
        self.assertFalse(get_user_model().objects.filter(groups=unit.reviewer_group).exists())

        self.client.logout()
        self.assertTrue(self.client.login(username="tjj-editor", password=password))
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertRedirects(response, reverse("wagtailadmin_account"), fetch_redirect_response=False)
        self.assertContains(self.client.get(reverse("wagtailadmin_account")), "首次登录请先修改临时密码")
        self.assertEqual(self.client.get(reverse("wagtailadmin_explore_root")).status_code, 302)
        new_password = "Qingshi-Editor-2026"
        response = self.client.post(
            reverse("wagtailadmin_account"),
            {
                "password-old_password": password,
                "password-new_password1": new_password,
                "password-new_password2": new_password,
                "name_email-first_name": "小明",
                "name_email-last_name": "王",
                "name_email-email": "w@example.com",
                "locale-preferred_language": "zh-hans",
                "locale-current_time_zone": "",
                "theme-theme": "system",
                "theme-density": "default",
                "theme-contrast": "system",
                "theme-keyboard_shortcuts": "on",
            },
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
        self.assertFalse(PasswordChangeRequired.objects.filter(user=editor).exists())

    def test_a_taken_user_name_is_refused(self):
        make_user("taken")
        response = self.create(editor_username="taken")
        self.assertContains(response, "该用户名已被使用")
        self.assertFalse(Unit.objects.filter(code="tjj").exists())

    def test_a_new_unit_sorts_with_its_kind(self):
        self.create()  # a department: after the departments
        self.create(
            name="云溪县白沙镇人民政府",
            short_name="白沙镇",
            kind=UnitKind.TOWNSHIP,
            code="bszhen",
            credit_code=credit_code(7002),
            site_code="3399000098",
        )
        self.assertEqual(list(Unit.objects.values_list("code", flat=True)), ["qszhen", "bszhen", "jyj", "tjj"])
