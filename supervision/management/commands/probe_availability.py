"""Probe every site's home page once and store the result (schedule it e.g. every 30 minutes)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from supervision.probe import probe_sites


class Command(BaseCommand):
    help = "Probe the availability of every site (a page not loaded within 15 s is a failure)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.WAGTAILADMIN_BASE_URL,
            help="scheme://host:port of the portal; subsites are probed on <code>.host",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            results, not_probed = probe_sites(options["base_url"])
            failed = sum(not r.ok for r in results)
            for url in not_probed:
                self.stdout.write(f"{url}\t" + _("not checked (internal address)"))
            self.stdout.write(
                _("%(total)d sites probed, %(failed)d failed.") % {"total": len(results), "failed": failed}
            )
