"""Restore a backup_site archive into an empty installation (migrate first, nothing else)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore ARCHIVE (made by backup_site) into a freshly migrated, empty installation."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = "、".join(f"{label} {count}" for label, count in manifest["counts"].items())
        self.stdout.write(
            _("Restored %(archive)s (made %(created)s): %(counts)s; %(files)d files.")
            % {"archive": archive, "created": manifest["created_at"], "counts": counts, "files": len(manifest["files"])}
        )
