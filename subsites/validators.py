"""Validators for unit identifiers: host labels and unified social credit codes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from base.identifiers import CREDIT_CODE_ALPHABET, credit_code_check_char

HOST_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")
SITE_CODE_RE = re.compile(r"^(bm)?\d{8,10}$")
# 浙ICP备12345678号(-1), 浙公网安备33010602000001号
ICP_RE = re.compile(r"^[\u4e00-\u9fff]ICP备\d{8}号(-\d+)?$")
POLICE_RE = re.compile(r"^[\u4e00-\u9fff]公网安备\s?\d{14}号$")
RESERVED_LABELS = {"www", "admin", "static", "media", "api", "search", "mail"}


def validate_host_label(value):
    if not HOST_LABEL_RE.match(value or ""):
        raise ValidationError(
            _(
                "The unit code must be 1-32 lowercase letters, digits or hyphens, "
                "and may not start or end with a hyphen."
            ),
            code="invalid_host_label",
        )
    if value in RESERVED_LABELS:
        raise ValidationError(
            _("“%(code)s” is reserved and cannot be used as a unit code."),
            code="reserved_host_label",
            params={"code": value},
        )


def validate_credit_code(value):
    value = value or ""
    if len(value) != 18 or any(char not in CREDIT_CODE_ALPHABET for char in value):
        raise ValidationError(
            _("A unified social credit code has 18 characters: digits and capital letters except I, O, Z, S and V."),
            code="invalid_credit_code",
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong; please check the code."),
            code="bad_credit_code_checksum",
        )


def validate_site_code(value):
    if value and not SITE_CODE_RE.match(value):
        raise ValidationError(
            _(
                "A website identification code is 8-10 digits, optionally prefixed "
                "with “bm” (e.g. 5205260003 or bm01000001)."
            ),
            code="invalid_site_code",
        )
