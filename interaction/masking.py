"""Masking of a citizen's personal data in anything shown on a public page.

What the citizen wrote (title, content) has every ID and phone number masked, and the citizen's
own name, phone, e-mail, ID number, address and legal representative wherever they appear. What the office wrote (reply, reason)
is the office's publication: only the citizen's own data and resident ID numbers are masked in it,
so the office's published telephone numbers stay readable.
"""

import re

from base.identifiers import MOBILE_IN_TEXT_RE, RESIDENT_ID_IN_TEXT_RE
from base.identifiers import mask as mask_value

LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3}-)\d{3,4}(\d{4})(?!\d)")
LONG_NUMBER_RE = re.compile(r"(?<!\d)\d{7,}(?!\d)")

CITIZEN_FIELDS = ("title", "body", "correction_text")
OFFICE_FIELDS = ("reply_body", "reply_reason")


def mask(text):
    """Every ID and phone number in `text` masked (text written by a citizen)."""
    text = _mask_ids(text or "")
    text = LANDLINE_RE.sub(r"\1****\2", text)
    text = MOBILE_IN_TEXT_RE.sub(lambda m: mask_value(m[0]), text)
    return LONG_NUMBER_RE.sub(lambda m: mask_value(m[0], 2, 2), text)


def _mask_ids(text):
    return RESIDENT_ID_IN_TEXT_RE.sub(lambda m: mask_value(m[0]), text)


def masked_name(name):
    """张三 → 张*, 欧阳小明 → 欧***: the family name's first character stays."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def _mask_citizen_values(case, text):
    values = {case.name.strip(): masked_name(case.name)} if (case.name or "").strip() else {}
    for value in (case.phone, case.email, case.id_number, case.address, case.legal_representative):
        value = (value or "").strip()
        if len(value) >= 5:
            values[value] = mask_value(value, 3, 2)
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, values[value])
    return text


def public_text(case, field):
    """The text of `case.<field>` as the public may see it (答复公开, statistics, search)."""
    text = _mask_citizen_values(case, str(getattr(case, field) or ""))
    if field in OFFICE_FIELDS:
        return _mask_ids(text)
    return mask(text)
