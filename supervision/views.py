"""Admin views: the portal centre's ranking with trends and reports, and each unit's own duties.

The portal centre (base/roles.py) sees every unit; any other user
sees only the units of its groups (`Unit.objects.for_user`), and nothing else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from base.roles import is_portal_centre
from content.models import AnnualReportPage
from subsites.models import Unit

from . import annual
from .chart import line_chart
from .export import report_workbook
from .models import InspectionReport, PeriodKind, UnitResult
from .publishing import submit_bulletin
from .reports import build_monthly_report, column_reclassifications
from .rules import Level, Period, Profile, evaluate, next_step

TREND_MONTHS = 12
LIGHT = {Level.OK: "green", Level.UNMEASURED: "grey", Level.WARNING: "amber", Level.VETO: "red"}


def scoped_units(user):
    units = Unit.objects.filter(active=True, home_page__isnull=False)
    return units if is_portal_centre(user) else units.filter(pk__in=Unit.objects.for_user(user).values("pk"))


def _require_centre(user):
    if not is_portal_centre(user):
        raise PermissionDenied


def trend(values, series_names):
    """(labels, series) over the last TREND_MONTHS monthly reports (oldest first).

    `values(reports)` returns {report id: {series key: point}} for all of them at once (no point: None)."""
    reports = list(InspectionReport.objects.filter(period_kind=PeriodKind.MONTH)[:TREND_MONTHS])[::-1]
    points = values([r.pk for r in reports])
    labels = [f"{r.year % 100:02d}-{r.number:02d}" for r in reports]
    return labels, [
        (name, colour, [points.get(r.pk, {}).get(key) for r in reports]) for key, (name, colour) in series_names.items()
    ]


class InspectionScreen(WagtailAdminTemplateMixin, TemplateView):
    """The screen's own title ends the breadcrumbs (Wagtail's default shows only 首页 in the header)."""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]


class CentreView(InspectionScreen):
    """Portal centre: every unit ranked with traffic lights, the trend chart and the reports."""

    template_name = "supervision/admin/centre.html"
    page_title = gettext_lazy("Website inspection")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not is_portal_centre(request.user):
            if scoped_units(request.user).exists():
                return redirect("supervision_unit")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        try:
            period = Period.parse_month(request.POST.get("month", "").strip())
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("supervision_centre")
        if period.start > timezone.now():
            messages.error(request, _("That month has not begun yet."))
            return redirect("supervision_centre")
        try:
            report = build_monthly_report(period)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("supervision_centre")
        messages.success(request, _("Inspection report %(label)s generated.") % {"label": period.label})
        return redirect("supervision_report", report.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = InspectionReport.objects.filter(period_kind=PeriodKind.MONTH).first()

        def values(report_ids):
            """Average unit score and share of units without veto per report, in one grouped query."""
            rows = (
                UnitResult.objects.filter(report__in=report_ids, unit__isnull=False)
                .order_by()
                .values("report")
                .annotate(units=Count("id"), total=Sum("score"), clean=Count("id", filter=Q(vetoes=0)))
            )
            return {
                row["report"]: {
                    "score": round(float(row["total"]) / row["units"], 1),
                    "clean": round(100 * row["clean"] / row["units"]),
                }
                for row in rows
            }

        labels, series = trend(
            values, {"score": (_("Average score"), "#0b5cad"), "clean": (_("Units without veto (%)"), "#1a7f37")}
        )
        context.update(
            {
                "latest": latest,
                "results": latest.results.all() if latest else [],
                "chart": line_chart(labels, series, _("Average score and units without veto by month")),
                "chart_rows": [(label, *[s[2][i] for s in series]) for i, label in enumerate(labels)],
                "chart_names": [s[0] for s in series],
                "reports": InspectionReport.objects.all()[:24],
                "lights": LIGHT,
                "default_month": Period.previous_month().start.strftime("%Y-%m"),
            }
        )
        return context


class UnitView(InspectionScreen):
    """A unit's duties this month (evaluated now), what is overdue, what to do next and its trend."""

    template_name = "supervision/admin/unit.html"
    page_title = gettext_lazy("My website duties")
    header_icon = "tasks"

    def get_unit(self):
        units = scoped_units(self.request.user)
        requested = self.request.GET.get("unit")
        if requested:
            if not requested.isdigit():
                raise Http404
            return get_object_or_404(units, pk=requested)
        unit = units.first()
        if unit is None:
            raise PermissionDenied
        return unit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.get_unit()
        period = Period.current_month()
        evaluated = evaluate(period, Unit.objects.filter(pk=unit.pk), include_portal=False)
        findings = evaluated[0][1] if evaluated else []  # none while the unit's subsite is not yet public
        open_findings = [f for f in findings if f.level in (Level.WARNING, Level.VETO)]

        def values(report_ids):
            rows = UnitResult.objects.filter(unit=unit, report__in=report_ids).values_list("report", "score")
            return {report: {"score": float(score)} for report, score in rows}

        labels, series = trend(values, {"score": (_("Score"), "#0b5cad")})
        context.update(
            {
                "unit": unit,
                "period": period,
                "units": scoped_units(self.request.user),
                "duties": [f for f in findings if f.profile == Profile.COUNTY],
                "national": [f for f in findings if f.profile == Profile.NATIONAL],
                "overdue": [(f, entry) for f in open_findings for entry in f.items],
                "next_steps": [
                    step
                    for f in sorted(open_findings, key=lambda f: f.level != Level.VETO)
                    if (step := next_step(f.rule))
                ],
                # One line per report, named (the website report and the disclosure report are both due).
                "annual": [
                    (AnnualReportPage.Kind(kind).label, due, page)
                    for _subject, kind, due, page in annual.pending(
                        timezone.localdate(), Unit.objects.filter(pk=unit.pk), include_portal=False
                    )
                ],
                "chart": line_chart(labels, series, _("Monthly score of %(name)s") % {"name": unit.name}),
                "chart_rows": [(label, series[0][2][i]) for i, label in enumerate(labels)],
                "lights": LIGHT,
            }
        )
        return context


class ReportView(InspectionScreen):
    template_name = "supervision/admin/report.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        _require_centre(request.user)
        self.report = get_object_or_404(InspectionReport, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Inspection report %(label)s") % {"label": self.report.period.label}

    def post(self, request, pk):
        if not request.user.is_superuser:  # the bulletin is a portal page: only the portal administrator adds it
            raise PermissionDenied
        try:
            page = submit_bulletin(self.report, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("supervision_report", self.report.pk)
        messages.success(request, _("Bulletin “%(title)s” submitted for approval.") % {"title": page.title})
        return redirect("wagtailadmin_pages:edit", page.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "report": self.report,
                "results": self.report.results.all(),
                "period_ended": self.report.period.end <= timezone.now(),
                "reclassifications": column_reclassifications(self.report.period),
                "xlsx_url": reverse("supervision_report_xlsx", args=[self.report.pk]),
            }
        )
        return context


def report_xlsx(request, pk):
    _require_centre(request.user)
    report = get_object_or_404(InspectionReport, pk=pk)
    response = HttpResponse(
        report_workbook(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="inspection-{report.period_kind}-{report.year}-{report.number}.xlsx"'
    )
    return response
