"""Taking information offline: the unit asks with a reason, its sign-off decides (the main leader for a
sensitive item), nobody decides their own request, and both steps are in the audit log."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from content.models import ColumnPage, NewsPage
from moderation.models import PublicationOverride, UnpublishRequest
from tests.factories import make_role_users, make_unit, make_user

REASON = "该名单公示期已满，且含未脱敏身份证号，应及时撤下。"


class UnpublishRequestTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.other_editor = make_role_users(make_unit("mzj", name="云溪县民政局"))[0]
        cls.admin = make_user("portal-admin", superuser=True)
        column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")
        cls.page = NewsPage(
            title="2026年助学金名单公示", slug="list", live=False, body="<p>申请人身份证号11010519491231002X。</p>"
        )
        column.add_child(instance=cls.page)
        # Live on an administrator's override from before: the unit must be able to take it down.
        PublicationOverride.objects.create(page=cls.page, reason="旧网站迁移", granted_by=cls.admin)
        cls.page.save_revision(user=cls.editor).publish(user=cls.admin)

    def as_user(self, user):
        self.client.force_login(user)
        return self.client

    def request_offline(self, user, reason=REASON):
        return self.as_user(user).post(
            reverse("moderation_request_unpublication", args=[self.page.pk]), {"reason": reason}, follow=True
        )

    def decide(self, user, decision):
        return self.as_user(user).post(
            reverse("moderation_decide_unpublication", args=[self.page.pk]), {"decision": decision}, follow=True
        )

    def live(self):
        return Page.objects.get(pk=self.page.pk).live

    def test_requested_by_the_editor_and_signed_off_by_the_reviewer(self):
        self.assertContains(self.request_offline(self.editor, reason=""), "请说明理由，理由将记入审计日志。")
        self.assertFalse(UnpublishRequest.objects.exists())
        self.request_offline(self.editor)
        self.assertTrue(self.live())
        for user in (self.editor, self.leader, self.other_editor):  # own request; not the signing role
            self.decide(user, "approve")
            self.assertTrue(self.live())
        self.decide(self.reviewer, "approve")
        self.assertFalse(self.live())
        requested = PageLogEntry.objects.get(page=self.page, action="moderation.unpublish_requested")
        approved = PageLogEntry.objects.get(page=self.page, action="moderation.unpublish_approved")
        self.assertEqual((requested.user, requested.data["reason"]), (self.editor, REASON))
        self.assertEqual((approved.user, approved.data["requested_by"]), (self.reviewer, "jyj-editor"))
        self.assertTrue(PageLogEntry.objects.filter(page=self.page, action="wagtail.unpublish").exists())

    def test_a_sensitive_item_needs_the_main_leader_and_a_rejection_keeps_it_live(self):
        NewsPage.objects.filter(pk=self.page.pk).update(sensitivity="sensitive")
        self.request_offline(self.editor)
        self.decide(self.reviewer, "approve")
        self.assertTrue(self.live())
        self.decide(self.leader, "reject")
        self.assertTrue(self.live())
        self.assertEqual(UnpublishRequest.objects.get().status, "rejected")
        self.assertTrue(PageLogEntry.objects.filter(page=self.page, action="moderation.unpublish_rejected").exists())

    def test_another_units_staff_cannot_ask(self):
        self.request_offline(self.other_editor)
        self.assertFalse(UnpublishRequest.objects.exists())

    def test_the_edit_screen_offers_the_request_and_then_the_sign_off(self):
        edit = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        self.assertContains(self.as_user(self.editor).get(edit), "申请下线")
        self.request_offline(self.editor)
        self.assertContains(self.as_user(self.reviewer).get(edit), "审核下线申请")
