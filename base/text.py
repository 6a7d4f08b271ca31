"""Plain text of pages and attachments, for publish-time checks and for search indexing, and the one
finder of a page's attached files (publish-time checks, search, the link checker)."""

import html
import re
import zipfile
from io import BytesIO

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
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


def attached_files(page):
    """(model, id) of every file (image, document) the page refers to by a foreign key, on the page
    itself and on its inline (orderable) children, as the page object holds them (a revision's
    object: that revision's). Files linked from rich text are in the text (strip or parse it)."""
    objects = [page]
    for relation in page._meta.related_objects:
        if isinstance(relation.field, ParentalKey):
            objects.extend(getattr(page, relation.get_accessor_name()).all())
    for obj in objects:
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and getattr(obj, field.attname) is not None:
                yield field.related_model, getattr(obj, field.attname)


def page_documents(page):
    """The documents attached to the page (`attached_files`), in the order they are attached."""
    Document = get_document_model()
    ids = list(dict.fromkeys(pk for model, pk in attached_files(page) if model is Document))
    documents = Document.objects.in_bulk(ids)
    return [documents[pk] for pk in ids if pk in documents]


def attachment_relations(page_models):
    """(inline model, its page key, its document key) for each inline (orderable) model of `page_models`
    that attaches a document, by model label: what search reads in bulk for a batch of pages."""
    Document = get_document_model()
    found = {}
    for model in page_models:
        for relation in model._meta.related_objects:
            if not isinstance(relation.field, ParentalKey):
                continue
            for field in relation.related_model._meta.concrete_fields:
                if isinstance(field, models.ForeignKey) and field.related_model is Document:
                    inline = relation.related_model
                    found[inline._meta.label] = (inline, relation.field.name, field.name)
    return [found[label] for label in sorted(found)]


def document_text(document, max_chars=200_000):
    """Extracted text of a PDF, DOCX, XLSX or TXT document ('' for other kinds)."""
    extension = document.file_extension.lower()
    if extension not in ("pdf", "docx", "xlsx", "txt"):
        return ""  # not read at all (a video file may be large)
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
                for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
        elif extension == "txt":
            text = data.decode("utf-8", errors="replace")
        else:
            return ""
    except Exception:  # noqa: BLE001 - a damaged file yields no text rather than breaking publication
        return ""
    return text[:max_chars]
