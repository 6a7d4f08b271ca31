"""Nightly: national veto indicators with early warnings, the reports due today, annual-report
reminders and the link check."""
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from supervision.links import LinkChecker, summary
from supervision.nightly import daily_check, scheduled_reports


class Command(BaseCommand):
    help = "Run the nightly supervision checks (schedule it daily, e.g. at 01:00)."

    def add_arguments(self, parser):
        parser.add_argument("--skip-links", action="store_true", help="do not run the link checker")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            sent = daily_check()
            self.stdout.write(_("Self-check done; %(count)d warning e-mails sent.") % {"count": sent})
            for report in scheduled_reports():
                self.stdout.write(_("Inspection report %(label)s generated and submitted.") % {
                    "label": report.period.label})
            if not options["skip_links"]:
                run = LinkChecker().run()
                self.stdout.write(summary(run))
