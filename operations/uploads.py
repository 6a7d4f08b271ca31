"""Upload validation of documents: the file's real content must match its extension.

Wagtail already refuses extensions outside WAGTAILDOCS_EXTENSIONS and files above
WAGTAILDOCS_MAX_UPLOAD_SIZE, and checks images' real format and size itself; this adds the
magic-byte check for documents (a renamed executable or HTML page is refused; the table is
base/files.py).
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from base.files import content_matches, extension_of, read_head


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded
        extension = extension_of(uploaded.name)
        if not content_matches(extension, read_head(uploaded)):
            raise ValidationError(
                _(
                    "The content of this file does not match its extension “.%(extension)s”; "
                    "please check the file and upload it again."
                ),
                code="content_mismatch",
                params={"extension": extension},
            )
        return uploaded
