"""Excel export of an inspection report: the summary table and every finding, as the page shows them."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .reports import column_reclassifications
from .rules.base import Level


def report_workbook(report):
    """The report as XLSX bytes: sheet 1 the ranked summary, sheet 2 one row per finding, sheet 3 the
    columns the portal centre reclassified in the period."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Summary")
    summary.append([_("Rank"), _("Website"), _("Result"), _("Score"), _("Vetoes"), _("Warning items")])
    results = list(report.results.all())
    for result in results:
        summary.append(
            [
                result.rank,
                result.name,
                str(result.get_level_display()),
                float(result.score),
                result.vetoes,
                result.warnings,
            ]
        )
    details = workbook.create_sheet(_("Findings"))
    details.append([_("Website"), _("Rule"), _("Threshold"), _("Measured"), _("Result"), _("Items concerned")])
    for result in results:
        for finding in result.findings:
            details.append(
                [
                    result.name,
                    finding["title"],
                    finding["threshold"],
                    finding["measured"],
                    str(Level(finding["level"]).label),
                    "\n".join(f"{i['title']}：{i['detail']}" if i["detail"] else i["title"] for i in finding["items"]),
                ]
            )
    changed = workbook.create_sheet(_("Column classification"))
    changed.append([_("Website"), _("Column"), _("Change"), _("Changed by"), _("Time")])
    for row in column_reclassifications(report.period):
        changed.append(
            [
                row["unit"],
                row["column"],
                "\n".join(f"{label}：{old} → {new}" for label, old, new in row["changes"]),
                row["user"],
                timezone.localtime(row["at"]).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    for sheet in (summary, details, changed):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
