"""Dump the database and the uploaded files into a timestamped archive under BACKUP_DIR."""

from django.core.management.base import BaseCommand

from operations.backup import create_backup, record_counts


class Command(BaseCommand):
    help = "Back up the database and media files into var/backups/portal-YYYYmmdd-HHMMSS.tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="Directory for the archive (default: BACKUP_DIR).")

    def handle(self, *args, output_dir=None, **options):
        archive = create_backup(output_dir)
        counts = ", ".join(f"{label} {count}" for label, count in record_counts().items())
        self.stdout.write(f"{archive}\n{counts}")
