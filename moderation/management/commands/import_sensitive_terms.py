"""`manage.py import_sensitive_terms FILE` (.csv or .xlsx): add a county's own banned terms and the correct
forms of its leaders' names and titles to the dictionary (format: moderation/terms.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from moderation.terms import import_terms, read_table


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Add banned terms and wrong forms with their correct forms from a CSV or Excel table "
            "(columns 类型, 词语, 正确表述, 备注)."
        )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            rows = read_table(options["file"])
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(
                _("Cannot read “%(file)s”: %(error)s") % {"file": options["file"], "error": error}
            ) from error
        added, present, errors = import_terms(rows)
        for line in errors:
            self.stderr.write(line)
        self.stdout.write(
            _("%(added)d term(s) added, %(present)d already present, %(rejected)d line(s) rejected.")
            % {"added": added, "present": present, "rejected": len(errors)}
        )
