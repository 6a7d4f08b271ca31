"""Apply pending index changes (the same work as the background task); run it from cron as a safety net."""

from django.core.management.base import BaseCommand

from search.indexing import pending_count, process_queue


class Command(BaseCommand):
    help = "Apply the pending search index changes; exits 1 if some could not be applied (engine down)."

    def handle(self, *args, **options):
        applied, failed = process_queue()
        self.stdout.write(f"applied {applied}, failed {failed}, pending {pending_count()}")
        if failed:
            raise SystemExit(1)
