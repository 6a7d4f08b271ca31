"""Check the links, attachments and images of every live page (also part of run_supervision_checks)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from supervision.links import LinkChecker, summary


class Command(BaseCommand):
    help = "Check internal links, attachments, images and external links of every live page."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            run = LinkChecker().run()
            for problem in run.problems.select_related("page"):
                self.stdout.write(
                    f"{problem.page.title}\t{problem.get_kind_display()}\t{problem.url}\t{problem.problem}"
                )
            self.stdout.write(_("Link check: %(summary)s") % {"summary": summary(run)})
