"""Monthly inspection reports and their half-year and annual aggregations."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from content.models import ColumnPage
from moderation.forms import CENTRE_FIELD_CHANGE
from subsites.tree import UnitPaths

from .models import InspectionReport, PeriodKind, UnitResult
from .rules import Period, Profile, evaluate, summarise
from .rules.base import overall_level, setting


def column_reclassifications(period):
    """The portal centre's changes of a column's type, freshness class or syndication during `period`
    (from the audit log, oldest first), so that the report shows why a column left a rule's reach.

    [{"unit", "column", "page", "changes": [(field label, old label, new label)], "user", "at"}]."""
    entries = (
        PageLogEntry.objects.filter(action=CENTRE_FIELD_CHANGE, timestamp__gte=period.start, timestamp__lt=period.end)
        .select_related("page", "user")
        .order_by("timestamp", "pk")
    )
    units, rows = UnitPaths(), []
    for entry in entries:
        changes = []
        for name, (old, new) in entry.data.items():
            field = ColumnPage._meta.get_field(name)
            labels = dict(field.choices or ())
            changes.append(
                (
                    str(field.verbose_name),
                    str(labels.get(old or "", old or "—")),
                    str(labels.get(new or "", new or "—")),
                )
            )
        unit = units.unit_for_path(entry.page.path) if entry.page else None
        rows.append(
            {
                "unit": unit.name if unit else _("County portal"),
                "column": entry.label,
                "page": entry.page_id,
                "changes": changes,
                "user": entry.user.get_username() if entry.user else "",
                "at": entry.timestamp,
            }
        )
    return rows


def _ranked(rows):
    """Give units ranks: no veto before veto, then by score; equal results share a rank (1, 1, 3 …).
    The portal line stays unranked."""
    units = sorted((r for r in rows if r.unit_id), key=lambda r: (r.vetoes > 0, -r.score, r.vetoes, r.name))
    previous = None
    for position, row in enumerate(units, start=1):
        standing = (row.vetoes > 0, row.score)
        row.rank = (
            previous.rank if previous is not None and standing == (previous.vetoes > 0, previous.score) else position
        )
        previous = row
    return rows


@transaction.atomic
def build_monthly_report(period, units=None):
    """Evaluate every subject for the month and store (or replace) its report.

    Once a bulletin (通报) shows the report, its results are frozen: regenerating is refused.
    """
    existing = InspectionReport.objects.filter(
        period_kind=PeriodKind.MONTH, year=period.year, number=period.number, bulletin__isnull=False
    ).first()
    if existing is not None:
        raise ValidationError(
            _("The report of %(label)s is shown in a bulletin; its results can no longer be regenerated.")
            % {"label": period.label}
        )
    with translation.override(settings.LANGUAGE_CODE):
        evaluated = evaluate(period, units)
    report, _created = InspectionReport.objects.update_or_create(
        period_kind=PeriodKind.MONTH, year=period.year, number=period.number, defaults={"generated_at": timezone.now()}
    )
    report.results.all().delete()
    points = setting(Profile.COUNTY, "score_per_warning")
    rows = []
    for subject, findings in evaluated:
        level, vetoes, warnings, score = summarise(findings, points)
        rows.append(
            UnitResult(
                report=report,
                unit=subject.unit,
                name=subject.name,
                kind=subject.kind,
                level=level,
                score=Decimal(score),
                vetoes=vetoes,
                warnings=warnings,
                findings=[f.as_dict() for f in findings],
            )
        )
    UnitResult.objects.bulk_create(_ranked(rows))
    return report


def _month_line(monthly, result):
    """A month of an aggregate report, stored in the shape of a finding so that every view renders it."""
    return {
        "rule": "month",
        "title": str(monthly.period.label),
        "profile": "",
        "threshold": "",
        "measured": _("score %(score)s, %(vetoes)d vetoes, %(warnings)d warnings")
        % {"score": result.score, "vetoes": result.vetoes, "warnings": result.warnings},
        "level": result.level,
        "items": [],
    }


@transaction.atomic
def build_aggregate_report(period):
    """Half-year or annual report: every month of the period that has ended, averaged per subject."""
    months = []
    for year, month in period.months:
        monthly = Period.month(year, month)
        if monthly.end > timezone.now():
            break
        report = InspectionReport.objects.filter(period_kind=PeriodKind.MONTH, year=year, number=month).first()
        months.append(report or build_monthly_report(monthly))
    report, _created = InspectionReport.objects.update_or_create(
        period_kind=period.kind, year=period.year, number=period.number, defaults={"generated_at": timezone.now()}
    )
    report.results.all().delete()
    per_subject = {}
    for monthly in months:
        for result in monthly.results.all():
            per_subject.setdefault(result.unit_id, []).append((monthly, result))
    rows = []
    for unit_id, entries in per_subject.items():
        results = [result for _monthly, result in entries]
        latest = results[-1]
        with translation.override(settings.LANGUAGE_CODE):
            months_found = [_month_line(monthly, result) for monthly, result in entries]
        rows.append(
            UnitResult(
                report=report,
                unit_id=unit_id,
                name=latest.name,
                kind=latest.kind,
                level=overall_level(r.level for r in results),
                score=(sum(r.score for r in results) / len(results)).quantize(Decimal("0.1")),
                vetoes=sum(r.vetoes for r in results),
                warnings=sum(r.warnings for r in results),
                findings=months_found,
            )
        )
    UnitResult.objects.bulk_create(_ranked(rows))
    return report
