"""Chinese personal and organisation identifiers and their masking: one implementation for the project.

The check characters come from python-stdnum (`cn.ric`: GB 11643 resident ID numbers, `cn.uscc`:
GB 32100 unified social credit codes). A resident ID number counts when its birth date is a real
date and its check character is right; the birth place is not checked (the region table changes
every year, and a number from an abolished county is still someone's number).
"""

import re

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

MOBILE = r"1[3-9]\d{9}"
LANDLINE = r"0\d{2,3}-?\d{7,8}"
MOBILE_IN_TEXT_RE = re.compile(rf"(?<!\d){MOBILE}(?!\d)")
RESIDENT_ID_IN_TEXT_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PHONE_RE = re.compile(rf"^({MOBILE}|{LANDLINE})$")
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def is_resident_id(value):
    """GB 11643: 17 digits and a check character, a real birth date, the right check character."""
    value = (value or "").upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    try:
        ric.get_birth_date(value)
    except ValidationError:
        return False
    return ric.calc_check_digit(value) == value[17]


def is_phone(value):
    """A mobile number (11 digits) or a landline with its area code (0577-12345678)."""
    return bool(PHONE_RE.match(value or ""))


def credit_code_check_char(first17):
    """The GB 32100 check character of a unified social credit code's first 17 characters."""
    return uscc.calc_check_digit(first17 + "0")


def mask(value, keep_start=3, keep_end=4):
    """`value` with all but its first `keep_start` and last `keep_end` characters as *."""
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
