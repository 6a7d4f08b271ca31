"""backup_site / restore_site: a round trip keeps every page, revision, case and file."""

import shutil
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase, override_settings
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision

from content.models import ArticlePage
from interaction.models import Case
from operations.backup import file_hashes
from tests.factories import make_unit, make_user
from tests.test_interaction_support import submit


def build_site(client):
    """A unit with an article published twice, a draft, an image, a document and a citizen's case."""
    cache.clear()
    make_user("backup-admin", superuser=True)
    unit = make_unit("jyj", name="云溪县教育局", seed=3)
    column = unit.home_page.get_children().first()
    article = column.add_child(instance=ArticlePage(title="招生公告", body="<p>第一版</p>", live=False))
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    article.body = "<p>第二版</p>"
    article.save_revision().publish()
    article.title = "招生公告（草稿）"
    article.save_revision()
    Image.objects.create(title="校园", file=get_test_image_file(), collection=unit.collection)
    Document.objects.create(
        title="招生简章", collection=unit.collection, file=ContentFile("招生简章全文".encode(), name="jianzhang.txt")
    )
    submit(client, host=unit.host)
    return unit


def settle_deferred_constraints():
    """PostgreSQL refuses to TRUNCATE (flush) tables with deferred checks pending in the test's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # runs the pending checks now
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "title", "live", "latest_revision_id")),
        "revisions": sorted(Revision.objects.values_list("pk", "object_id", "content")),
        "cases": sorted(Case.objects.values_list("pk", "tracking_code", "title", "body", "status")),
        "documents": sorted(Document.objects.values_list("pk", "title", "file")),
        "images": sorted(Image.objects.values_list("pk", "title", "file")),
        "files": file_hashes(),
    }


@override_settings(BACKUP_FORMAT="fixtures")  # made and restored inside the test's transaction
class RoundTripTest(TestCase):
    def scratch(self):
        directory = tempfile.mkdtemp(prefix="ops-backup-")
        self.addCleanup(shutil.rmtree, directory, True)
        return directory

    def test_restore_into_an_empty_installation_keeps_everything(self):
        # The rollback after this test brings back the original content type ids: forget the restored ones.
        self.addCleanup(ContentType.objects.clear_cache)
        media, private, backups, new_media, new_private = (self.scratch() for _ in range(5))
        with override_settings(MEDIA_ROOT=media, INTERACTION_PRIVATE_ROOT=private):
            build_site(self.client)
            before = snapshot()
            call_command("backup_site", output_dir=backups, stdout=open("/dev/null", "w"))
        archives = list(Path(backups).glob("portal-*.tar.gz"))
        self.assertEqual(len(archives), 1)
        self.assertGreaterEqual(len(before["files"]), 2)
        self.assertGreaterEqual(len(before["revisions"]), 6)

        settle_deferred_constraints()
        call_command("flush", interactive=False, allow_cascade=True, verbosity=0)  # a fresh, empty installation
        settle_deferred_constraints()
        with override_settings(MEDIA_ROOT=new_media, INTERACTION_PRIVATE_ROOT=new_private):
            garbage = Path(backups) / "garbage.tar.gz"
            garbage.write_bytes(b"\x1f\x8b not really gzip")
            with self.assertRaisesMessage(CommandError, "不是 backup_site 制作的备份"):
                call_command("restore_site", str(garbage))
            call_command("restore_site", str(archives[0]), stdout=open("/dev/null", "w"))
            after = snapshot()
        self.assertEqual(after, before)
        self.assertEqual(ArticlePage.objects.get().get_latest_revision_as_object().title, "招生公告（草稿）")


class RestoreRefusalTest(TestCase):
    def test_a_non_empty_installation_is_refused_and_left_alone(self):
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            build_site(self.client)
            pages = Page.objects.count()
            archive = Path(media) / "portal.tar.gz"
            archive.write_bytes(b"not even an archive")
            with self.assertRaisesMessage(CommandError, "不是空的"):
                call_command("restore_site", str(archive))
        self.assertEqual(Page.objects.count(), pages)

    def test_a_missing_archive_is_refused(self):
        with tempfile.TemporaryDirectory() as directory:
            with self.assertRaisesMessage(CommandError, "找不到备份文件"):
                call_command("restore_site", f"{directory}/missing.tar.gz")
