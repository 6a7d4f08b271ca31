"""Masking of ID and phone numbers in anything shown on a public page."""
import re

ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![0-9A-Za-z])")
LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3}-)\d{3,4}(\d{4})(?!\d)")
MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
LONG_NUMBER_RE = re.compile(r"(?<!\d)(\d{2})\d{3,}(\d{2})(?!\d)")


def mask(text):
    text = ID_RE.sub(r"\1***********\2", text or "")
    text = LANDLINE_RE.sub(r"\1****\2", text)
    text = MOBILE_RE.sub(r"\1****\2", text)
    return LONG_NUMBER_RE.sub(lambda m: m[1] + "*" * (len(m[0]) - 4) + m[2], text)
