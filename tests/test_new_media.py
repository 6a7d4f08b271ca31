"""政务新媒体 through HTTP: the registry in the admin (each unit its own accounts only, clear Chinese
errors that keep what was typed), the public page listing open accounts, the dormant-account rule."""

import datetime

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from content.models import NewMediaAccount, NewMediaPage
from home.provisioning import portal_home
from supervision.rules import Period, evaluate
from tests.factories import make_county_units, make_role_users
from tests.test_content_pages import publish

TODAY = timezone.localdate


def account(unit, name, days_ago=1, **fields):
    return NewMediaAccount.objects.create(
        unit=unit,
        name=name,
        platform="wechat",
        opened_on=datetime.date(2020, 1, 1),
        last_updated=TODAY() - datetime.timedelta(days=days_ago),
        **fields,
    )


class NewMediaTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county_units()
        cls.editor = make_role_users(cls.dept)[0]
        cls.page = publish(portal_home(), NewMediaPage(title="政务新媒体", slug="zwxmt"))
        cls.fresh = account(cls.dept, "云溪教育", account_id="yunxi_jy")
        cls.closed = account(cls.town, "溪头镇发布", closed_on=datetime.date(2024, 5, 1), close_reason="整合到县融媒体")
        cls.other = account(cls.town, "溪头文旅", days_ago=20)

    def admin(self):
        client = Client()
        client.force_login(self.editor)
        return client

    def test_the_portal_page_lists_every_open_account_by_unit(self):
        html = Client().get("/zwxmt/", HTTP_HOST="gov.test").content.decode()
        self.assertIn("云溪县教育局", html)
        self.assertIn("云溪教育", html)
        self.assertIn("微信公众号：yunxi_jy", html)
        self.assertIn("溪头文旅", html)
        self.assertNotIn("溪头镇发布", html)  # closed

    def test_a_units_editor_manages_only_its_own_accounts(self):
        client = self.admin()
        listing = client.get(reverse("wagtailsnippets_content_newmediaaccount:list")).content.decode()
        self.assertIn("云溪教育", listing)
        self.assertNotIn("溪头文旅", listing)
        for view in ("edit", "delete", "history"):
            url = reverse(f"wagtailsnippets_content_newmediaaccount:{view}", args=[self.other.pk])
            self.assertEqual(client.get(url).status_code, 404, view)
        add = reverse("wagtailsnippets_content_newmediaaccount:add")
        refused = client.post(
            add,
            {
                "unit": self.town.pk,
                "name": "冒名账号",
                "platform": "weibo",
                "opened_on": "2025-01-01",
                "last_updated": "2025-01-02",
                "sort_order": 100,
            },
        )
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(NewMediaAccount.objects.filter(name="冒名账号").exists())

    def test_bad_input_gets_chinese_errors_and_keeps_what_was_typed(self):
        response = self.admin().post(
            reverse("wagtailsnippets_content_newmediaaccount:add"),
            {
                "unit": self.dept.pk,
                "name": "云溪教育视频号",
                "platform": "channels",
                "account_id": "yxjy-sph",
                "opened_on": "2025-03-01",
                "closed_on": "2025-02-01",
                "close_reason": "",
                "last_updated": (TODAY() + datetime.timedelta(days=3)).isoformat(),
                "sort_order": 100,
            },
        )
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        for message in ("账号不能早于开设日期关停。", "请填写关停账号的原因。", "最近更新日期不能晚于今天。"):
            self.assertIn(message, html)
        self.assertIn('value="云溪教育视频号"', html)
        self.assertIn('value="yxjy-sph"', html)
        self.assertFalse(NewMediaAccount.objects.filter(name="云溪教育视频号").exists())

    def test_an_account_silent_for_two_weeks_is_a_veto_and_ten_days_a_warning(self):
        account(self.dept, "云溪教育发布", days_ago=10)
        findings = {
            subject.key: {f.rule: f for f in found}
            for subject, found in evaluate(Period.current_month(), profiles=["national"])
        }
        self.assertEqual(findings[self.dept.pk]["new_media_updates"].level, "warning")
        self.assertEqual(findings[self.town.pk]["new_media_updates"].level, "veto")
        self.assertEqual(
            [i["title"] for i in findings[self.town.pk]["new_media_updates"].items], ["溪头文旅（微信公众号）"]
        )
        self.assertEqual(findings[None]["new_media_updates"].level, "ok")
