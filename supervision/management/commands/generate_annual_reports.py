"""Create the missing annual report drafts of a year (also run by run_supervision_checks on 2 January)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from supervision.annual import generate_drafts


class Command(BaseCommand):
    help = "Create the missing annual report drafts (website report and disclosure report) of every site."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="default: last year")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year - 1
        with translation.override(settings.LANGUAGE_CODE):
            for page in generate_drafts(year):
                self.stdout.write(page.title)
            self.stdout.write(_("Annual report drafts of %(year)d created.") % {"year": year})
