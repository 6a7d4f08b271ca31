"""Upload validation of documents: the file's real content must match its extension.

Wagtail already refuses extensions outside WAGTAILDOCS_EXTENSIONS and files above
WAGTAILDOCS_MAX_UPLOAD_SIZE, and checks images' real format and size itself; this adds the
magic-byte check for documents (a renamed executable or HTML page is refused).
"""
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Office and WPS binary formats
ZIP = (b"PK\x03\x04",)  # OOXML, OFD and zip archives
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": OLE2, "xls": OLE2, "ppt": OLE2,
    "docx": ZIP, "xlsx": ZIP, "pptx": ZIP, "ofd": ZIP, "zip": ZIP,
    "wps": OLE2 + ZIP, "et": OLE2 + ZIP,
}
HEAD_BYTES = 8192


def is_plain_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start >= len(head) - 3:
                return True
            continue
        return True
    return False


def content_matches(extension, head):
    if extension == "txt":
        return is_plain_text(head)
    if extension == "pdf":  # the PDF header may follow a little leading junk
        return b"%PDF-" in head[:1024]
    return head.startswith(SIGNATURES.get(extension, (b"",)))


def read_head(uploaded):
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    return head


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        if not content_matches(extension, read_head(uploaded)):
            raise ValidationError(
                _("The content of this file does not match its extension “.%(extension)s”; "
                  "please check the file and upload it again."),
                code="content_mismatch", params={"extension": extension},
            )
        return uploaded
