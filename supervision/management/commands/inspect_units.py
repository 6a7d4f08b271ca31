"""Compute and store the inspection report of a month (default: the previous one), a half year or a year."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from supervision.export import report_workbook
from supervision.publishing import submit_bulletin
from supervision.reports import build_aggregate_report, build_monthly_report
from supervision.rules import Period


def parse_period(options):
    try:
        if options["half"]:
            year, half = (int(part) for part in options["half"].split("-"))
            if half not in (1, 2):
                raise ValueError
            return Period.half(year, half)
        if options["year"]:
            return Period.whole_year(int(options["year"]))
        return Period.parse_month(options["month"]) if options["month"] else Period.previous_month()
    except ValueError:
        raise CommandError(_("Write a half year as YYYY-1 or YYYY-2 and a year as YYYY.")) from None
    except ValidationError as error:
        raise CommandError(error.messages[0]) from error


class Command(BaseCommand):
    help = "Inspect every unit for a month (default: the previous month), half year or year."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--month", help="YYYY-MM")
        group.add_argument("--half", help="YYYY-1 or YYYY-2")
        group.add_argument("--year", help="YYYY")
        parser.add_argument("--xlsx", help="also write the report to this Excel file")
        parser.add_argument(
            "--bulletin",
            action="store_true",
            help="create the bulletin page as a draft and submit it to the portal workflow",
        )
        parser.add_argument("--user", help="user the bulletin is submitted as (default: first superuser)")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            period = parse_period(options)
            try:
                report = build_monthly_report(period) if period.kind == "month" else build_aggregate_report(period)
            except ValidationError as error:
                raise CommandError(error.messages[0]) from error
            self.stdout.write(
                _("Inspection report %(label)s: %(count)d websites.")
                % {"label": period.label, "count": report.results.count()}
            )
            if options["xlsx"]:
                Path(options["xlsx"]).write_bytes(report_workbook(report))
                self.stdout.write(_("Written to %(path)s.") % {"path": options["xlsx"]})
            if options["bulletin"]:
                user = None
                if options["user"]:
                    user = get_user_model().objects.filter(username=options["user"]).first()
                    if user is None:
                        raise CommandError(_("There is no user “%(name)s”.") % {"name": options["user"]})
                try:
                    page = submit_bulletin(report, user)
                except ValidationError as error:
                    raise CommandError(error.messages[0]) from error
                self.stdout.write(_("Bulletin “%(title)s” submitted for approval.") % {"title": page.title})
