"""Detection of unmasked personal data: resident ID numbers, mobile numbers and bank card numbers."""
import re
from datetime import date

from django.utils.translation import gettext as _

ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
CARD_RE = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def is_resident_id(value):
    """GB 11643: a plausible birth date and a correct check character."""
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == value[17].upper()


def passes_luhn(value):
    digits = [int(d) for d in reversed(value)]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def mask(value, keep_start=3, keep_end=4):
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def find_personal_data(text):
    """(kind label, masked value) for each unmasked personal number in the text."""
    found = []
    ids = {m.group() for m in ID_RE.finditer(text) if is_resident_id(m.group())}
    found += [(_("resident ID number"), mask(value, 6)) for value in sorted(ids)]
    found += [(_("mobile phone number"), mask(m.group())) for m in MOBILE_RE.finditer(text)]
    found += [
        (_("bank card number"), mask(m.group(), 4))
        for m in CARD_RE.finditer(text)
        if m.group() not in ids and passes_luhn(m.group())
    ]
    return found
