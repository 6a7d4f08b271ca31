"""Checks of what citizens type and upload, with messages in the citizen's language."""
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from base.identifiers import is_phone, is_resident_id

TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
MAGIC = {
    "pdf": [b"%PDF"], "png": [b"\x89PNG"], "jpg": [b"\xff\xd8\xff"], "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"], "doc": [b"\xd0\xcf\x11\xe0"],
}


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
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    allowed = settings.INTERACTION_ATTACHMENT_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(_("Only these file types are accepted: %(types)s.")
                              % {"types": ", ".join(allowed)})
    if upload.size > settings.INTERACTION_ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The attachment may be at most %(mb)d MB.")
                              % {"mb": settings.INTERACTION_ATTACHMENT_MAX_BYTES // (1024 * 1024)})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in MAGIC.get(extension, [])):
        raise ValidationError(_("The file's content does not match its type."))
