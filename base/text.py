"""Plain text of pages and attachments, for publish-time checks and for search indexing."""
import html
import re
import zipfile
from io import BytesIO

from django.db import models
from wagtail.models import Page

TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")
# Text-typed fields that hold identifiers or machine values rather than content.
NON_TEXT_FIELDS = {"index_number", "sensitivity", "video_url"}


def strip_html(value):
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", value or ""))).strip()


def page_text(page):
    """Title and every text field of the specific page, HTML removed."""
    parts = [page.title]
    for field in type(page)._meta.concrete_fields:
        if field.model is Page or field.choices or field.name in NON_TEXT_FIELDS:
            continue
        if isinstance(field, models.TextField | models.CharField):  # RichTextField is a TextField
            parts.append(strip_html(str(getattr(page, field.attname) or "")))
    return "\n".join(part for part in parts if part)


def page_documents(page):
    """Documents attached to the page through its inline (orderable) relations."""
    documents = []
    for relation in page._meta.related_objects:
        child_model = relation.related_model
        if not hasattr(page, relation.get_accessor_name()) or "document" not in {
            f.name for f in child_model._meta.fields
        }:
            continue
        for child in getattr(page, relation.get_accessor_name()).all():
            if child.document_id:
                documents.append(child.document)
    return documents


def document_text(document, max_chars=200_000):
    """Extracted text of a PDF, DOCX, XLSX or TXT document ('' for other kinds)."""
    extension = document.file_extension.lower()
    try:
        with document.open_file() as handle:
            data = handle.read()
    except OSError:
        return ""
    try:
        if extension == "pdf":
            from pypdf import PdfReader

            text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
        elif extension == "docx":
            with zipfile.ZipFile(BytesIO(data)) as archive:
                text = strip_html(archive.read("word/document.xml").decode("utf-8"))
        elif extension == "xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
            text = "\n".join(
                " ".join(str(cell) for cell in row if cell is not None)
                for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
            )
        elif extension == "txt":
            text = data.decode("utf-8", errors="replace")
        else:
            return ""
    except Exception:  # a damaged file yields no text rather than breaking publication
        return ""
    return text[:max_chars]
