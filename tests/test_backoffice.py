"""The back office: Wagtail's default groups and workflow are gone, the admin is branded and its help
menu opens the platform's Chinese guide."""

import json
import re

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import Collection, GroupPagePermission, Page, Workflow

from home.provisioning import apply_portal_template, portal_home
from moderation.workflow import PORTAL_GROUPS
from tests.factories import make_role_users, make_unit, make_user


class BackofficeTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.editor, _, _ = make_role_users(cls.unit)

    def test_wagtail_default_groups_and_workflow_are_gone(self):
        self.assertFalse(Group.objects.filter(name__in=["Moderators", "Editors"]).exists())
        self.assertFalse(Workflow.objects.filter(name="Moderators approval").exists())
        root = Page.objects.get(depth=1)
        self.assertFalse(GroupPagePermission.objects.filter(page=root).exists())
        self.assertEqual(root.title, "全部站点")
        self.assertEqual(Collection.objects.get(depth=1).name, "全部单位")

    def test_branding_and_guide_in_the_help_menu(self):
        self.client.force_login(self.editor)
        html = self.client.get("/admin/").content.decode()
        self.assertRegex(html, r"<title>[^<]*- 县政府网站集约化平台</title>")
        self.assertIn("backoffice/logo.svg", html)
        sidebar = json.loads(
            re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)[1]
        )
        urls = re.findall(r'"url": "([^"]+)"', json.dumps(sidebar))
        self.assertIn("/admin/guide/", urls)
        self.assertFalse([url for url in urls if "guide.wagtail.org" in url])
        guide = self.client.get("/admin/guide/").content.decode()
        self.assertIn("敏感标记", guide)
        self.assertIn("提交审签", guide)

    def test_reports_menu_leaves_out_developer_reports(self):
        self.client.force_login(self.editor)
        html = self.client.get("/admin/").content.decode()
        self.assertNotIn("/admin/reports/page-types-usage/", html)
        self.assertIn("/admin/reports/workflow/", html)

    def test_the_portal_sign_off_groups_work_in_the_portal_columns_only(self):
        apply_portal_template()
        notices = portal_home().get_children().get(slug="tzgg")
        for role, name in PORTAL_GROUPS.items():
            member = make_user(f"portal-{role}", [Group.objects.get(name=name)])
            self.client.force_login(member)
            self.assertEqual(self.client.get("/admin/").status_code, 200, name)
            self.assertEqual(self.client.get(f"/admin/pages/{notices.pk}/").status_code, 200, name)
            self.assertIn(
                self.client.get(f"/admin/pages/{self.unit.home_page.pk}/edit/").status_code, (302, 403, 404), name
            )  # not in the units' subsites
