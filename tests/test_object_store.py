"""Media and citizens' private attachments in an S3-compatible object store (moto's server, started by
scripts/services/objectstore.sh): a submitted attachment lands in the store's private area with no
public grant and reaches only the unit's handler through the admin; images go to the store and
are shown through signed URLs. Skipped when moto is missing, failing instead when CI=true."""

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import requests
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from config.objectstore import object_store_storages
from tests.factories import make_role_users, make_unit
from tests.proxy_cache import free_port
from tests.test_interaction_support import submit

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "services" / "objectstore.sh"
BUCKET = "portal-test"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def start_object_store(test_class, bucket):
    """moto's server for `test_class` (skipped without it, failing when CI=true); sets `port`, `env`, `endpoint`."""
    if not (Path(SCRIPT).parent.parent.parent / ".venv" / "bin" / "moto_server").exists():
        if os.environ.get("CI") == "true":
            raise AssertionError("moto_server is missing; pip install -r requirements-dev.txt")
        raise test_class.skipException("moto's server is not installed (requirements-dev.txt); CI runs this test")
    test_class.port = int(os.environ.get("OBJECT_STORE_TEST_PORT") or free_port())
    test_class.env = {
        **os.environ,
        "OBJECT_STORE_PORT": str(test_class.port),
        "OBJECT_STORE_BUCKET": bucket,
        "OBJECT_STORE_DIR": tempfile.mkdtemp(prefix="portal-test-objectstore-"),
    }
    subprocess.run([SCRIPT, "start"], env=test_class.env, check=True, capture_output=True)
    test_class.endpoint = f"http://127.0.0.1:{test_class.port}"


def stop_object_store(test_class):
    subprocess.run([SCRIPT, "stop"], env=test_class.env, check=False)
    shutil.rmtree(test_class.env["OBJECT_STORE_DIR"], ignore_errors=True)


def object_store_settings(endpoint, bucket):
    return override_settings(
        STORAGES={
            **object_store_storages(endpoint, bucket, "test", "test"),
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    )


class ObjectStoreTest(TestCase):
    @classmethod
    def setUpClass(cls):
        start_object_store(cls, BUCKET)
        cls.storage_settings = object_store_settings(cls.endpoint, BUCKET)
        cls.storage_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.storage_settings.disable()
        stop_object_store(cls)

    @classmethod
    def setUpTestData(cls):
        cls.jyj = make_unit("jyj", name="云溪县教育局", seed=1)
        cls.editor, _reviewer, _leader = make_role_users(cls.jyj)
        cls.other_editor = make_role_users(make_unit("gaj", name="云溪县公安局", seed=2))[0]

    def setUp(self):
        cache.clear()
        self.s3 = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        )

    def test_a_citizens_attachment_is_stored_privately_and_reaches_only_its_handler(self):
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7 private", content_type="application/pdf")
        case, _password = submit(self.client, host=self.jyj.host, attachment=pdf, title="教育局的留言")
        key = f"private/{case.attachment.name}"
        self.assertEqual(self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read(), b"%PDF-1.7 private")
        grants = self.s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        self.assertNotIn(ALL_USERS, [grant["Grantee"].get("URI") for grant in grants])

        url = reverse("interaction_case:attachment", args=[case.pk])
        self.assertEqual(self.client.get(url).status_code, 302)  # anonymous: to the sign-in page
        self.client.force_login(self.other_editor)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.editor)
        response = self.client.get(url)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.7 private")

    def test_images_go_to_the_store_and_are_shown_through_signed_urls(self):
        buffer = io.BytesIO()
        PILImage.new("RGB", (40, 30), "red").save(buffer, "PNG")
        image = get_image_model().objects.create(
            title="红色", file=SimpleUploadedFile("red.png", buffer.getvalue(), content_type="image/png")
        )
        stored = [item["Key"] for item in self.s3.list_objects_v2(Bucket=BUCKET, Prefix="media/")["Contents"]]
        self.assertIn(f"media/{image.file.name}", stored)
        url = image.get_rendition("width-20").url
        self.assertIn("X-Amz-Signature=", url)
        self.assertEqual(urlsplit(url).netloc, f"127.0.0.1:{self.port}")
        self.assertEqual(requests.get(url, timeout=10).status_code, 200)
