"""`manage.py publish_due_pages`: scheduled go-live and expiry through the publication gate; run every minute."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from moderation.schedule import publish_due_pages


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Publish the pages whose scheduled time has come (through the publication checks) and "
            "take expired pages offline; schedule it every minute."
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            result = publish_due_pages()
            for page in result.published:
                self.stdout.write(_("Published: %(title)s") % {"title": page.title})
            for page in result.unpublished:
                self.stdout.write(_("Expired, taken offline: %(title)s") % {"title": page.title})
            for page, findings in result.blocked:
                self.stdout.write(
                    _("Blocked, not published: %(title)s: %(findings)s")
                    % {"title": page.title, "findings": " ".join(findings)}
                )
