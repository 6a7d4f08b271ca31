"""`manage.py import_content FILE.jsonl --unit CODE [--publish --reason …] [--strict]`.

Imports an existing site's news, notices, policy documents (with their interpretations and
Q&A) and service items into a unit's standard columns, one transaction per line. Pages stay
drafts unless --publish is given, which needs a --reason recorded in the audit log. Lines whose
slug already exists in the target column are skipped, so re-running a file adds nothing.
Rejected lines are reported at the end; the exit status is 0 unless --strict is given.
Format: docs/import-format.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext

from content.importing import Importer, ImportSetupError, LineRejected
from subsites.models import Unit


class Progress:
    """A one-line text progress bar, e.g. “导入中 [#####-----] 37/200”, redrawn in place on a terminal."""

    width = 20

    def __init__(self, stream, total):
        self.stream, self.total = stream, total
        self.interactive = stream.isatty()
        self.step = 1 if self.interactive else max(1, total // 10)

    def update(self, done):
        if done % self.step and done != self.total:
            return
        filled = self.width * done // max(self.total, 1)
        text = _("Importing %(bar)s %(done)d/%(total)d") % {
            "bar": "[" + "#" * filled + "-" * (self.width - filled) + "]",
            "done": done,
            "total": self.total,
        }
        self.stream.write(("\r" + text) if self.interactive else text, ending="" if self.interactive else "\n")

    def finish(self):
        if self.interactive:
            self.stream.write("")


class Command(BaseCommand):
    @property
    def help(self):  # translated when the parser is built, argparse cannot format lazy strings
        return _(
            "Import news, notices, policy documents with their interpretations and Q&A, and service "
            "items from a JSON Lines file into a unit's subsite (format: docs/import-format.md)."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the JSON Lines file to import"))
        parser.add_argument("--unit", required=True, help=_("code of the unit whose subsite receives the content"))
        parser.add_argument(
            "--publish", action="store_true", help=_("publish the imported pages instead of leaving them as drafts")
        )
        parser.add_argument("--reason", default="", help=_("why the pages are published (required with --publish)"))
        parser.add_argument("--strict", action="store_true", help=_("exit with status 1 when any line was rejected"))

    def handle(self, *args, **options):
        publish, reason = options["publish"], options["reason"].strip()
        if publish and not reason:
            raise CommandError(
                _("--publish needs --reason: say why the imported pages go live (kept in the audit log).")
            )
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("There is no unit with the code “%(code)s”.") % {"code": options["unit"]})
        path = Path(options["file"])
        lines = self._read(path)
        try:
            importer = Importer(unit, path.parent, publish=publish, reason=reason)
        except ImportSetupError as error:
            raise CommandError(str(error)) from None
        with LogContext():
            created, skipped, rejected = self._import(importer, lines)
            if publish and created:
                importer.log_summary(
                    path.name, {"created": len(created), "skipped": len(skipped), "rejected": len(rejected)}
                )
        self._report(created, skipped, rejected, publish)
        if rejected and options["strict"]:
            raise CommandError(_("%(count)d line(s) were rejected (--strict).") % {"count": len(rejected)})

    def _read(self, path):
        """The numbered non-blank lines of the file."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(_("The import file “%(path)s” does not exist.") % {"path": path}) from None
        except UnicodeDecodeError:
            raise CommandError(_("The import file “%(path)s” is not UTF-8 text.") % {"path": path}) from None
        return [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]

    def _import(self, importer, lines):
        created, skipped, rejected = [], [], []
        progress = Progress(self.stderr, len(lines))
        for done, (number, line) in enumerate(lines, start=1):
            try:
                outcome, detail = importer.import_line(line)
            except LineRejected as error:
                rejected.append((number, error.messages))
            else:
                (created if outcome == "created" else skipped).append((number, detail))
            progress.update(done)
        progress.finish()
        return created, skipped, rejected

    def _report(self, created, skipped, rejected, publish):
        pages = sum(len(detail) for _number, detail in created)
        state = _("imported and published") if publish else _("imported as drafts")
        self.stdout.write(
            _(
                "Import finished: %(created)d line(s) imported (%(pages)d pages, %(state)s), "
                "%(skipped)d skipped, %(rejected)d rejected."
            )
            % {
                "created": len(created),
                "pages": pages,
                "state": state,
                "skipped": len(skipped),
                "rejected": len(rejected),
            }
        )
        for number, slug in skipped:
            self.stdout.write(_("Line %(line)d: already exists, skipped (%(slug)s)") % {"line": number, "slug": slug})
        if rejected:
            self.stdout.write(self.style.ERROR(_("Rejected lines:")))
            for number, messages in rejected:
                self.stdout.write(_("Line %(line)d: %(reason)s") % {"line": number, "reason": messages[0]})
                for message in messages[1:]:
                    self.stdout.write("    " + message)
