"""Files follow their page: a draft's attachment or image is not public until the page is approved, and not
after the page is withdrawn (documents through Wagtail's document view, images through
`moderation.files.serve_image_file`)."""

from datetime import date

from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from content.models import ColumnPage, NewsPage, PolicyAttachment, PolicyPage
from content.vocabularies import PolicyKind
from subsites.models import SiteIdentity
from tests.factories import make_role_users, make_unit
from tests.moderation_helpers import workflow_action

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class UnitFilesTestCase(TestCase):
    column_slug = "zcwj"

    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug=cls.column_slug)


class DraftAttachmentTest(UnitFilesTestCase):
    def setUp(self):
        self.document = get_document_model().objects.create(
            title="招生范围图", collection=self.unit.collection, file=ContentFile(PDF, name="zhaosheng.pdf")
        )
        self.page = PolicyPage(
            title="2027年秋季招生工作方案",
            slug="plan",
            policy_kind=PolicyKind.OTHER,
            issuing_authority="云溪县教育局",
            written_date=date(2026, 11, 2),
            body="<p>招生范围见附件。</p>",
            live=False,
        )
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


class DraftImageTest(UnitFilesTestCase):
    """Images follow their page too: the original and its renditions (served under MEDIA_URL)."""

    column_slug = "gzdt"

    def setUp(self):
        self.image = get_image_model().objects.create(
            title="开学典礼", collection=self.unit.collection, file=get_test_image_file(filename="kaixue.png")
        )
        self.rendition = self.image.get_rendition("fill-80x60")
        self.page = NewsPage(
            title="开学典礼隆重举行", slug="kaixue", body="<p>全县中小学举行开学典礼。</p>", live=False
        )
        self.column.add_child(instance=self.page)

    def fetch(self, url, user=None):
        self.client.logout()
        if user:
            self.client.force_login(user)
        return self.client.get(url, HTTP_HOST="jyj.gov.test")

    def assert_public(self, expected_status):
        for url in (self.image.file.url, self.rendition.url):
            self.assertEqual(self.fetch(url).status_code, expected_status, url)

    def test_refused_in_a_draft_served_while_live_refused_after_unpublication(self):
        self.assertTrue(self.image.file.url.startswith("/media/original_images/"))
        self.page.cover = self.image
        self.page.save_revision(user=self.editor)
        self.assert_public(404)
        response = self.fetch(self.rendition.url, user=self.editor)  # the unit's staff preview their draft
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertIn("private", response["Cache-Control"])

        self.unit.home_page.specific.get_workflow().start(self.page, self.editor)
        self.client.force_login(self.reviewer)
        workflow_action(self.client, self.page, "approve")
        self.assertTrue(Page.objects.get(pk=self.page.pk).live)
        self.assert_public(200)
        self.assertEqual(b"".join(self.fetch(self.image.file.url).streaming_content), self.image.file.open("rb").read())

        Page.objects.get(pk=self.page.pk).specific.unpublish()
        self.assert_public(404)

    def test_the_site_logo_is_public_at_once_and_unknown_files_are_not_found(self):
        identity = SiteIdentity.for_site(self.unit.home_page.get_site())
        identity.logo = self.image
        identity.save()
        self.assert_public(200)
        self.assertEqual(self.fetch("/media/images/nothing.png").status_code, 404)
        self.assertEqual(self.fetch("/media/original_images/../images/x.png").status_code, 404)
