"""Detection of unmasked personal data: resident ID numbers, mobile numbers and bank card numbers."""

import re

from django.utils.translation import gettext as _
from stdnum import luhn

from base.identifiers import MOBILE_IN_TEXT_RE, RESIDENT_ID_IN_TEXT_RE, is_resident_id, mask

CARD_RE = re.compile(r"(?<!\d)\d{16,19}(?!\d)")


def find_personal_data(text):
    """(kind label, masked value) for each unmasked personal number in the text."""
    found = []
    ids = {m.group() for m in RESIDENT_ID_IN_TEXT_RE.finditer(text) if is_resident_id(m.group())}
    found += [(_("resident ID number"), mask(value, 6)) for value in sorted(ids)]
    found += [(_("mobile phone number"), mask(m.group())) for m in MOBILE_IN_TEXT_RE.finditer(text)]
    found += [
        (_("bank card number"), mask(m.group(), 4))
        for m in CARD_RE.finditer(text)
        if m.group() not in ids and luhn.is_valid(m.group())
    ]
    return found
