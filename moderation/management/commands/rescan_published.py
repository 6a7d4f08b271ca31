"""Re-run the text checks (dictionary, personal data) over every live page; list those that now fail.

Run it after changing the sensitive-term dictionary: `python manage.py rescan_published`.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Page

from moderation.checks import text_errors


class Command(BaseCommand):
    help = "List live pages whose text fails the dictionary or personal-data checks."

    def handle(self, *args, **options):
        failing = 0
        for page in Page.objects.live().filter(depth__gt=1).specific().iterator(chunk_size=200):
            errors = text_errors(page)
            if errors:
                failing += 1
                self.stdout.write(f"{page.full_url}\t{page.title}\t{' '.join(errors)}")
        self.stdout.write(_("%(count)d live pages fail the checks.") % {"count": failing})
