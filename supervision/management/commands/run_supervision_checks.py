"""Nightly: national veto indicators with early warnings, the reports due today, annual-report
reminders and the link check (supervision.nightly); one line per step, and an error at the end
when a step failed (after all of them ran)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from supervision.nightly import failure_message, run_nightly


class Command(BaseCommand):
    help = "Run the nightly supervision checks (schedule it daily, e.g. at 01:00)."

    def add_arguments(self, parser):
        parser.add_argument("--skip-links", action="store_true", help="do not run the link checker")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            results = run_nightly(links=not options["skip_links"])
            for result in results:
                self.stdout.write(result.line())
            if error := failure_message(results):
                raise CommandError(error)
