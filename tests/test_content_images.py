"""Alt text on images: the admin image forms require a description (in Chinese), and public pages
use it as the image's alt text."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import NewsPage
from tests.factories import make_role_users
from tests.test_content_pages import PortalTestCase, column, publish

Image = get_image_model()
REQUIRED = "请描述图片内容"


def png():
    return SimpleUploadedFile("meeting.png", get_test_image_file().file.getvalue(), content_type="image/png")


class ImageDescriptionTest(PortalTestCase):
    def setUp(self):
        self.editor = make_role_users(self.dept)[0]
        self.client.force_login(self.editor)

    def upload(self, **fields):
        data = {"title": "会议现场", "file": png(), "collection": self.dept.collection.pk, **fields}
        return self.client.post(reverse("wagtailimages:add"), data)

    def test_uploading_without_a_description_is_refused_in_chinese(self):
        response = self.upload()
        self.assertEqual(response.status_code, 200)
        self.assertIn(REQUIRED, str(response.context["form"].errors["description"]))
        self.assertFalse(Image.objects.exists())
        self.assertEqual(self.upload(description="局长在工作会议上讲话").status_code, 302)
        self.assertEqual(Image.objects.get().description, "局长在工作会议上讲话")

    def test_editing_cannot_remove_the_description(self):
        image = Image.objects.create(
            title="旧图", file=get_test_image_file(), collection=self.dept.collection, description="旧的描述"
        )
        response = self.client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {"title": "旧图", "collection": self.dept.collection.pk, "description": " "},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(REQUIRED, str(response.context["form"].errors["description"]))
        self.assertEqual(Image.objects.get(pk=image.pk).description, "旧的描述")

    def test_multiple_upload_asks_for_the_description_before_the_image_exists(self):
        response = self.client.post(
            reverse("wagtailimages:add_multiple"), {"files[]": png(), "collection": self.dept.collection.pk}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())  # kept as an upload until the description is given
        self.assertIn('name="uploaded-image-', response.json()["form"])

    def test_public_pages_use_the_description_as_alt_text(self):
        image = Image.objects.create(
            title="IMG_0001.jpg",
            file=get_test_image_file(),
            collection=self.dept.collection,
            description="局长在工作会议上讲话",
        )
        news = publish(column(self.dept, "gzdt"), NewsPage(title="工作会议", slug="news-img", cover=image))
        self.client.logout()
        html = self.get(news).content.decode()
        # The header's site logo beside the site name is decorative (alt="") and left out here, as is the
        # visit counter's 1×1 image.
        content_images = [
            tag for tag in re.findall(r"<img [^>]*>", html) if "site-logo" not in tag and "visit-beacon" not in tag
        ]
        self.assertEqual([re.search(r'alt="([^"]*)"', tag)[1] for tag in content_images], ["局长在工作会议上讲话"])
