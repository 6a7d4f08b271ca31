"""Checks of what citizens type and upload, with messages in the citizen's language."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from base.files import content_matches, extension_of, read_head
from base.identifiers import is_phone, is_resident_id

TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def no_markup(value):
    if TAG_RE.search(value or ""):
        raise ValidationError(_("Please do not use HTML tags or scripts."), code="markup")


def validate_phone(value):
    if not is_phone(value):
        raise ValidationError(_("Enter a mobile number (11 digits) or a landline such as 0577-12345678."))


def validate_id_number(value):
    if not is_resident_id(value):
        raise ValidationError(_("Enter a valid 18-character resident ID number."))


def validate_attachment(upload):
    extension = extension_of(upload.name)
    allowed = settings.INTERACTION_ATTACHMENT_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(_("Only these file types are accepted: %(types)s.") % {"types": ", ".join(allowed)})
    if upload.size > settings.INTERACTION_ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The attachment may be at most %(mb)d MB.")
            % {"mb": settings.INTERACTION_ATTACHMENT_MAX_BYTES // (1024 * 1024)}
        )
    if not content_matches(extension, read_head(upload)):
        raise ValidationError(_("The file's content does not match its type."))
