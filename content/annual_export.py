"""The tables of an annual report page as an Excel file: one sheet per table, as the page shows them.

Anyone may download a live report's file; those who may edit the page (its unit's staff and the
portal administrator) get its latest draft, others nothing, so units stay isolated.
"""

from io import BytesIO

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from openpyxl import Workbook
from openpyxl.styles import Font

from .annual_forms import tables
from .models import AnnualReportPage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_workbook(page):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, table in enumerate(tables(page), start=1):
        sheet = workbook.create_sheet(f"{number}")
        sheet.append([table.title])
        sheet.append(table.head)
        for row in table.rows:
            sheet.append([float(cell) if hasattr(cell, "as_tuple") else cell for cell in row])
        for cell in (*sheet[1], *sheet[2]):
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 48
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def annual_report_xlsx(request, page_id):
    page = get_object_or_404(AnnualReportPage, pk=page_id)
    if page.permissions_for_user(request.user).can_edit():
        page = page.get_latest_revision_as_object()  # the draft its editors work on
    elif not page.live or page.get_view_restrictions().exists():
        raise Http404
    response = HttpResponse(report_workbook(page), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="annual-report-{page.year}-{page.pk}.xlsx"'
    return response
