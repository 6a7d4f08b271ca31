"""Case handling in the admin as real users: scoping per unit, triage and transfer, reply approval,
publication, rating, statistics and the deadline monitor."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from interaction.models import Case
from search.models import IndexChange
from tests.factories import make_role_users, make_unit, make_user
from tests.test_interaction_support import act, submit, track


class AdminTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.jyj = make_unit("jyj", name="云溪县教育局", seed=1)
        cls.gaj = make_unit("gaj", name="云溪县公安局", seed=2)
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.jyj)
        cls.other_editor = make_role_users(cls.gaj)[0]
        centre_group = Group.objects.create(name="互动交流中心")
        centre_group.permissions.add(*cls.editor.groups.first().permissions.filter(codename="access_admin"))
        cls.centre = make_user("centre", groups=[centre_group])

    def setUp(self):
        cache.clear()


class ScopingChecks:
    def test_a_unit_handler_cannot_list_open_act_on_or_download_another_units_case(self):
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7", content_type="application/pdf")
        case, _password = submit(self.client, host=self.jyj.host, attachment=pdf, title="教育局的留言")
        self.client.force_login(self.other_editor)
        listing = self.client.get(reverse("interaction_case:index"))
        self.assertEqual(listing.status_code, 200)
        self.assertNotContains(listing, "教育局的留言")
        self.assertEqual(self.client.get(reverse("interaction_case:handle", args=[case.pk])).status_code, 404)
        self.assertEqual(act(self.client, case, "draft", text="越权答复").status_code, 404)
        self.assertEqual(self.client.get(reverse("interaction_case:attachment", args=[case.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("interaction_case:edit", args=[case.pk])).status_code, 302)
        case.refresh_from_db()
        self.assertEqual((case.status, case.reply_draft), ("processing", ""))

    def test_own_unit_sees_its_case_and_downloads_the_attachment(self):
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7", content_type="application/pdf")
        case, _password = submit(self.client, host=self.jyj.host, attachment=pdf, title="教育局的留言")
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(reverse("interaction_case:index")), "教育局的留言")
        self.assertContains(self.client.get(reverse("interaction_case:handle", args=[case.pk])), "教育局的留言")
        response = self.client.get(reverse("interaction_case:attachment", args=[case.pk]))
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.7")

    def test_portal_centre_sees_every_units_cases_and_untriaged_ones(self):
        submit(self.client, host=self.jyj.host, title="教育局的留言")
        submit(self.client, host=self.gaj.host, title="公安局的留言")
        submit(self.client, title="门户的留言")
        self.client.force_login(self.centre)
        listing = self.client.get(reverse("interaction_case:index"))
        for title in ("教育局的留言", "公安局的留言", "门户的留言"):
            self.assertContains(listing, title)

    def test_citizen_attachments_are_not_public_media(self):
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7", content_type="application/pdf")
        case, _password = submit(self.client, attachment=pdf)
        from django.conf import settings

        self.assertTrue(case.attachment.path.startswith(str(settings.INTERACTION_PRIVATE_ROOT)))


class HandlingChecks:
    def test_triage_transfer_reply_approval_publication_and_rating(self):
        case, password = submit(self.client, "complaint", title="校门口交通拥堵", publish_consent="on")
        self.client.force_login(self.centre)
        act(self.client, case, "transfer", unit=self.jyj.pk)
        self.client.force_login(self.editor)
        act(self.client, case, "acknowledge", workdays=10)
        act(self.client, case, "draft", text="已协调交警部门加强疏导。", reply_type="answered")
        act(self.client, case, "approve")  # editors do not approve: refused, nothing changes
        self.assertEqual(Case.objects.get(pk=case.pk).status, "review")
        self.client.force_login(self.reviewer)
        act(self.client, case, "approve")
        case.refresh_from_db()
        self.assertEqual((case.status, case.reply_unit, case.published), ("replied", self.jyj, True))
        self.assertTrue(IndexChange.objects.filter(key=f"reply:{case.pk}").exists())  # published: indexed

        self.client.logout()
        page = track(self.client, case, password)
        self.assertContains(page, "已转至云溪县教育局，联系电话 0577-12345678")
        self.assertContains(page, "已协调交警部门加强疏导。")
        response = self.client.post(
            reverse("interaction:case", args=[case.tracking_code]), {"rating": "3", "comment": "处理及时"}, follow=True
        )
        self.assertContains(response, "感谢您的评价")
        self.assertEqual(Case.objects.get(pk=case.pk).rating, 3)

        replies = self.client.get(reverse("interaction:replies"))
        self.assertContains(replies, "校门口交通拥堵")
        detail = self.client.get(reverse("interaction:reply", args=[case.tracking_code]))
        for label in ("受理日期", "答复日期", "答复部门", "答复内容", "云溪县教育局"):
            self.assertContains(detail, label)
        stats = self.client.get(reverse("interaction:statistics"))
        self.assertContains(stats, '<th scope="row">云溪县教育局</th><td>1</td><td>1</td><td>1</td>')
        self.assertContains(stats, "100%")

    def test_reply_without_consent_is_not_published_and_returned_drafts_go_back(self):
        case, _password = submit(self.client, host=self.jyj.host, title="私密咨询")
        self.client.force_login(self.editor)
        act(self.client, case, "draft", text="初稿", reply_type="answered")
        self.client.force_login(self.reviewer)
        act(self.client, case, "return_draft", text="请补充政策依据")
        self.assertEqual(Case.objects.get(pk=case.pk).status, "processing")
        self.client.force_login(self.editor)
        act(self.client, case, "draft", text="修改稿", reply_type="answered")
        self.client.force_login(self.leader)
        act(self.client, case, "approve")
        self.assertFalse(Case.objects.get(pk=case.pk).published)
        self.assertNotContains(self.client.get(reverse("interaction:replies")), "私密咨询")
        self.assertEqual(self.client.get(reverse("interaction:reply", args=[case.tracking_code])).status_code, 404)
        # An unpublished case never enters the search queue, however often it is saved.
        self.assertFalse(IndexChange.objects.filter(key=f"reply:{case.pk}").exists())

    def test_only_the_centre_marks_complaints_important(self):
        case, _password = submit(self.client, "complaint", host=self.jyj.host)
        self.client.force_login(self.editor)
        act(self.client, case, "transfer", unit=self.gaj.pk, important="on")
        self.assertFalse(Case.objects.get(pk=case.pk).important)

    def test_dashboard_and_monitor_show_overdue_cases_across_units_to_the_centre(self):
        case, _password = submit(self.client, host=self.gaj.host, title="超期的留言")
        case.deadlines.update(due_at=case.submitted_at)
        self.client.force_login(self.centre)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), "超期：2")
        self.assertContains(self.client.get(reverse("interaction_case:monitor")), "超期的留言")
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(reverse("interaction_case:monitor")), "超期的留言")


class CaseAdminTest(ScopingChecks, HandlingChecks, AdminTestBase):
    """The checks above on one shared tree, built once (AdminTestBase.setUpTestData)."""
