"""Files follow their page: a draft's attachment is not public until the page is approved, and not after
the page is withdrawn (served through Wagtail's document view, whatever the storage)."""
from datetime import date

from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.models import Page

from content.models import ColumnPage, PolicyAttachment, PolicyPage
from content.vocabularies import PolicyKind
from tests.factories import make_role_users, make_unit
from tests.moderation_helpers import workflow_action

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class DraftAttachmentTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="zcwj")

    def setUp(self):
        self.document = get_document_model().objects.create(
            title="招生范围图", collection=self.unit.collection, file=ContentFile(PDF, name="zhaosheng.pdf"))
        self.page = PolicyPage(title="2027年秋季招生工作方案", slug="plan", policy_kind=PolicyKind.OTHER,
                               issuing_authority="云溪县教育局", written_date=date(2026, 11, 2),
                               body="<p>招生范围见附件。</p>", live=False)
        self.column.add_child(instance=self.page)

    def download(self):
        self.client.logout()
        return self.client.get(self.document.url, HTTP_HOST="jyj.gov.test")

    def attach_in_draft(self):
        self.page.attachments.add(PolicyAttachment(document=self.document, title="附件1"))
        self.page.save_revision(user=self.editor)

    def approve(self):
        self.unit.home_page.specific.get_workflow().start(self.page, self.editor)
        self.client.force_login(self.reviewer)
        workflow_action(self.client, self.page, "approve")
        self.assertTrue(Page.objects.get(pk=self.page.pk).live)

    def test_refused_before_approval_served_while_live_refused_after_unpublication(self):
        self.attach_in_draft()
        self.assertEqual(self.download().status_code, 404)
        self.client.force_login(self.editor)  # the unit's own staff may open it to check the draft
        self.assertEqual(self.client.get(self.document.url).status_code, 200)

        self.approve()
        response = self.download()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)

        Page.objects.get(pk=self.page.pk).specific.unpublish()
        self.assertEqual(self.download().status_code, 404)

    def test_a_live_page_whose_unapproved_draft_adds_the_file_does_not_publish_it(self):
        self.page.save_revision(user=self.editor)
        self.approve()
        self.page = PolicyPage.objects.get(pk=self.page.pk)
        self.attach_in_draft()
        self.assertEqual(self.download().status_code, 404)
