"""backup_site on PostgreSQL with media and attachments in the object store: pg_dump and every stored
file go into the archive, and restore_site (pg_restore) into an empty installation with an empty
bucket brings back every page, revision, case and file.

Marked `scale_out` (deselected by default, pytest.ini) because pg_dump reads only committed data: it
runs with the other tests of the shared services in .ci/run's last step (`pytest -m scale_out`),
where PostgreSQL and moto are present."""

import os
import tarfile
import tempfile
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase

from operations.backup import file_hashes
from tests.test_interaction_support import submit
from tests.test_object_store import object_store_settings, start_object_store, stop_object_store
from tests.test_operations_backup import build_site, snapshot

pytestmark = pytest.mark.scale_out


class PostgresObjectStoreRoundTripTest(TransactionTestCase):
    serialized_rollback = True  # keep what the migrations created (portal home, workflow)

    @classmethod
    def setUpClass(cls):
        if connection.vendor != "postgresql":
            if os.environ.get("CI") == "true":
                raise AssertionError("this test needs PostgreSQL (DATABASE_URL); .ci/run runs it so")
            raise cls.skipException("needs PostgreSQL (DATABASE_URL); CI runs this test")
        start_object_store(cls, "portal-before")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        stop_object_store(cls)

    def test_pg_dump_and_the_object_store_round_trip(self):
        backups = tempfile.mkdtemp(prefix="ops-backup-pg-")
        with object_store_settings(self.endpoint, "portal-before"):
            unit = build_site(self.client)
            pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7 backed up", content_type="application/pdf")
            submit(self.client, host=unit.host, attachment=pdf, title="带附件的咨询")
            before = snapshot()
            call_command("backup_site", output_dir=backups, stdout=open("/dev/null", "w"))
        self.assertTrue(any(name.startswith("private/") for name in before["files"]), before["files"])
        self.assertGreaterEqual(len(before["files"]), 3)
        archive = next(Path(backups).glob("portal-*.tar.gz"))
        with tarfile.open(archive) as tar:
            self.assertIn("database.dump", tar.getnames())

        call_command("flush", interactive=False, allow_cascade=True, verbosity=0)  # a fresh, empty installation
        boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        ).create_bucket(Bucket="portal-after")
        with object_store_settings(self.endpoint, "portal-after"):
            self.assertEqual(file_hashes(), {})
            call_command("restore_site", str(archive), stdout=open("/dev/null", "w"))
            after = snapshot()
        self.assertEqual(after, before)
