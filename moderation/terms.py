"""Loading the sensitive-term dictionary from a table: CSV (UTF-8) or Excel (.xlsx).

Columns: 类型 (禁用词 or 错误表述), 词语, 正确表述 (for a wrong form), 备注. The first row is the
header. A term already in the dictionary is left as it is; a bad row is reported with its line
number and loses nothing else. The demo county loads `data/starter_terms.csv` and its leaders'
names through the same function.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import SensitiveTerm, TermKind

STARTER_TERMS = Path(__file__).parent / "data" / "starter_terms.csv"
KINDS = {
    "禁用词": TermKind.BANNED,
    "banned": TermKind.BANNED,
    "错误表述": TermKind.WRONG_FORM,
    "wrong_form": TermKind.WRONG_FORM,
}


def read_table(path):
    """The data rows of a .csv or .xlsx file as lists of strings, with their line numbers."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    return [(number, row) for number, row in enumerate(rows, start=1) if number > 1 and any(row)]


def import_terms(numbered_rows):
    """Add the rows' terms; returns (added, already present, [error lines])."""
    added = present = 0
    errors = []
    for number, row in numbered_rows:
        kind_label, term, correct, note = (list(row) + ["", "", "", ""])[:4]
        kind = KINDS.get(kind_label.strip())
        entry = SensitiveTerm(kind=kind or "", term=term.strip(), correct_form=correct.strip(), note=note.strip())
        if SensitiveTerm.objects.filter(term=entry.term).exists():
            present += 1
            continue
        try:
            if kind is None:
                raise ValidationError({"kind": _("the kind must be 禁用词 or 错误表述")})
            entry.full_clean()
        except ValidationError as error:
            errors.append(
                _("line %(number)d: %(errors)s")
                % {
                    "number": number,
                    "errors": " ".join(message for messages in error.message_dict.values() for message in messages),
                }
            )
            continue
        entry.save()
        added += 1
    return added, present, errors
