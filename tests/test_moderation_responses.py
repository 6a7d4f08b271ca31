"""回应关切 through HTTP: the emergency route publishes a statement at once on the (cached) portal home,
audited; only its group may use it; the main leader approves afterwards, never the publisher; a
withdrawal takes it off the home page."""

from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from content.models import ResponseStatementPage
from home.provisioning import apply_portal_template
from moderation.models import EmergencyPublication
from moderation.responses import PUBLISHER_GROUP
from moderation.workflow import PORTAL_GROUPS
from tests.factories import make_role_users, make_unit, make_user

PORTAL = "gov.test"
PUBLISH_URL = reverse("moderation_emergency_publish")
STATEMENT = {
    "title": "关于城区自来水水质情况的权威回应",
    "source": "云溪县人民政府办公室",
    "summary": "经检测，城区自来水水质符合国家标准。",
    "body": "近日，有网民反映城区自来水发黄。\n经县疾控中心连夜检测，各项指标符合国家标准。",
    "reason": "网络舆情持续发酵，需立即发布权威信息。",
}


def decision_url(page):
    return reverse("moderation_emergency_decision", args=[page.pk])


class ResponseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=11)
        cls.editor, cls.reviewer, _leader = make_role_users(cls.unit)
        publishers, _created = Group.objects.get_or_create(name=PUBLISHER_GROUP)
        cls.publisher = make_user("hygz", [publishers], full_name="发布人")
        leaders = Group.objects.get(name=PORTAL_GROUPS["leader"])
        cls.leader = make_user("county-leader", [leaders], full_name="主要领导")
        cls.leader_publisher = make_user("leader-publisher", [leaders, publishers])

    def as_user(self, user):
        client = Client()
        client.force_login(user)
        return client

    def home(self):
        """The portal home as an anonymous visitor sees it (the page cache included)."""
        response = Client().get("/", HTTP_HOST=PORTAL)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def assert_refused(self, response):
        """Wagtail's admin answers a refused user with its permission-denied redirect to the dashboard
        (users without permissions on the portal's pages get the admin's isolation 404)."""
        if response.status_code == 404:
            return
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertIn("没有权限", str(list(response.wsgi_request._messages)))

    def publish(self, user=None, **changes):
        return self.as_user(user or self.publisher).post(PUBLISH_URL, STATEMENT | changes)


class EmergencyPublicationTest(ResponseTestCase):
    def test_a_member_publishes_at_once_on_the_cached_home_with_the_reason_in_the_audit_log(self):
        self.assertNotIn("response-statement", self.home())
        self.assertNotIn("response-statement", self.home())  # now served from the page cache
        response = self.publish()
        page = ResponseStatementPage.objects.get()
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertTrue(page.live)
        self.assertEqual(page.get_parent().slug, "hygz")
        html = self.home()
        self.assertIn('aria-labelledby="response-statement-heading"', html)
        self.assertIn("回应关切", html)
        self.assertIn(STATEMENT["title"], html)
        self.assertNotIn('role="alert"', html)
        entry = PageLogEntry.objects.get(page=page, action="moderation.emergency_publication")
        self.assertEqual((entry.user, entry.data["reason"]), (self.publisher, STATEMENT["reason"]))
        self.assertTrue(PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=self.publisher).exists())
        record = EmergencyPublication.objects.get(page=page)
        self.assertEqual((record.status, record.published_by), ("pending", self.publisher))
        statement = Client().get(page.url, HTTP_HOST=PORTAL)
        self.assertContains(statement, "经县疾控中心连夜检测")

    def test_the_form_speaks_chinese(self):
        html = self.as_user(self.publisher).get(PUBLISH_URL).content.decode()
        for text in ("紧急发布回应关切", "不能等待审签的理由", "立即发布并记录理由"):
            self.assertIn(text, html)

    def test_the_newest_statement_stands_on_top(self):
        self.publish()
        self.publish(title="关于学校午餐问题的回应")
        html = self.home()
        self.assertIn("关于学校午餐问题的回应", html)
        self.assertNotIn(STATEMENT["title"], html)

    def test_nobody_else_may_use_the_route(self):
        for user in (self.editor, self.reviewer, self.leader):
            client = self.as_user(user)
            self.assert_refused(client.get(PUBLISH_URL))
            self.assert_refused(client.post(PUBLISH_URL, STATEMENT))
            self.assertNotIn(PUBLISH_URL, client.get(reverse("wagtailadmin_home")).content.decode())
        self.assertIn(PUBLISH_URL, self.as_user(self.publisher).get(reverse("wagtailadmin_home")).content.decode())
        self.assertFalse(ResponseStatementPage.objects.exists())

    def test_the_publication_checks_still_apply_and_nothing_entered_is_lost(self):
        response = self.publish(body="如有疑问请联系13812345678。")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "未发布")
        self.assertContains(response, STATEMENT["reason"])
        self.assertContains(response, STATEMENT["title"])
        self.assertFalse(ResponseStatementPage.objects.exists())
        self.assertFalse(EmergencyPublication.objects.exists())
        self.assertNotIn("response-statement", self.home())

    def test_a_missing_reason_is_refused_in_chinese(self):
        response = self.publish(reason="")
        self.assertContains(response, "请填写紧急发布的理由")
        self.assertContains(response, STATEMENT["title"])
        self.assertFalse(ResponseStatementPage.objects.exists())


class ApprovalAfterwardsTest(ResponseTestCase):
    def setUp(self):
        self.as_user(self.leader_publisher).post(PUBLISH_URL, STATEMENT)
        self.page = ResponseStatementPage.objects.get()
        self.record = EmergencyPublication.objects.get()

    def test_the_leader_sees_it_on_the_dashboard_and_confirms_it(self):
        client = self.as_user(self.leader)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn(decision_url(self.page), dashboard)
        response = client.post(decision_url(self.page), {"decision": "confirm", "note": "同意"})
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.record.refresh_from_db()
        self.assertEqual((self.record.status, self.record.decided_by), ("confirmed", self.leader))
        entry = PageLogEntry.objects.get(page=self.page, action="moderation.emergency_confirmed")
        self.assertEqual((entry.user, entry.data["note"]), (self.leader, "同意"))
        self.assertNotIn(decision_url(self.page), client.get(reverse("wagtailadmin_home")).content.decode())
        self.assertIn(STATEMENT["title"], self.home())
        self.assert_refused(client.post(decision_url(self.page), {"decision": "withdraw"}))

    def test_the_publisher_cannot_approve_their_own_statement(self):
        client = self.as_user(self.leader_publisher)
        self.assertNotIn(decision_url(self.page), client.get(reverse("wagtailadmin_home")).content.decode())
        self.assert_refused(client.post(decision_url(self.page), {"decision": "confirm"}))
        for user in (self.publisher, self.editor, self.reviewer):
            self.assert_refused(self.as_user(user).post(decision_url(self.page), {"decision": "confirm"}))
        self.record.refresh_from_db()
        self.assertEqual(self.record.status, "pending")

    def test_the_leader_withdraws_it_and_the_cached_home_drops_it(self):
        self.assertIn(STATEMENT["title"], self.home())
        self.assertIn(STATEMENT["title"], self.home())  # cached
        self.as_user(self.leader).post(decision_url(self.page), {"decision": "withdraw", "note": "信息有误"})
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        self.assertIsNotNone(self.page.withdrawn_at)
        self.assertNotIn(STATEMENT["title"], self.home())
        self.assertTrue(PageLogEntry.objects.filter(page=self.page, action="moderation.emergency_withdrawn").exists())
        self.assertEqual(Client().get(self.page.url, HTTP_HOST=PORTAL).status_code, 404)

    def test_the_decision_form_speaks_chinese(self):
        html = self.as_user(self.leader).get(decision_url(self.page)).content.decode()
        for text in (
            "紧急发布事后审批",
            "通过紧急发布通道发布了该回应",
            STATEMENT["reason"],
            "确认该回应",
            "撤回该回应",
        ):
            self.assertIn(text, html)

    def test_setting_withdrawn_at_on_the_live_page_removes_it_from_the_cached_home(self):
        self.assertIn(STATEMENT["title"], self.home())
        self.assertIn(STATEMENT["title"], self.home())  # cached
        self.page.withdrawn_at = timezone.now()
        self.page.save(update_fields=["withdrawn_at"])
        self.assertNotIn(STATEMENT["title"], self.home())
        self.assertContains(Client().get(self.page.url, HTTP_HOST=PORTAL), "本回应已于")

    def test_unpublishing_it_in_the_admin_removes_it_too(self):
        self.assertIn(STATEMENT["title"], self.home())
        admin = self.as_user(make_user("admin", superuser=True))
        admin.post(reverse("wagtailadmin_pages:unpublish", args=[self.page.pk]))
        self.assertNotIn(STATEMENT["title"], self.home())
