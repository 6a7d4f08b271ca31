"""Publish-time checks: what must be fixed before a revision may be approved.

Each check returns Chinese messages naming what to fix; an approval with any message is refused
and the revision is left exactly as the editor wrote it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from base.publication import is_template_publication
from base.text import document_text, page_documents, page_text, strip_html
from content.models import ColumnPage, ServiceItemPage

from .context import current_request
from .models import SensitiveTerm, TermKind
from .personal_data import find_personal_data


def dictionary_errors(text, terms=None):
    terms = SensitiveTerm.objects.all() if terms is None else terms
    errors = []
    for term in terms:
        if term.term in text:
            if term.kind == TermKind.BANNED:
                errors.append(_("It contains the banned term “%(term)s”.") % {"term": term.term})
            else:
                errors.append(
                    _("“%(wrong)s” is written wrongly; write “%(correct)s”.")
                    % {"wrong": term.term, "correct": term.correct_form}
                )
    return errors


def personal_data_errors(text, where):
    return [
        _("%(where)s contains an unmasked %(kind)s (%(value)s); mask it before publication.")
        % {"where": where, "kind": kind, "value": value}
        for kind, value in find_personal_data(text)
    ]


def empty_column_errors(page):
    if is_template_publication():  # a new subsite's standard columns start empty
        return []
    if not isinstance(page, ColumnPage) or page.syndication or strip_html(page.body):
        return []
    if page.get_children().live().exists() or page.organisations.exists():
        return []
    return [_("The column “%(title)s” has no content; an empty column cannot go live.") % {"title": page.title}]


def service_item_errors(page):
    """The 14 guide fields; a 行政许可 guide also needs a downloadable form (county notice: 14 fields +
    form downloads)."""
    if not isinstance(page, ServiceItemPage):
        return []
    errors = []
    missing = page.missing_guide_fields()
    if missing:
        errors.append(_("The service guide is incomplete; fill in: %(fields)s.") % {"fields": "、".join(missing)})
    if page.item_type == ServiceItemPage.ItemType.LICENSING and not any(form.document_id for form in page.forms.all()):
        errors.append(
            _(
                "An administrative licensing guide needs at least one downloadable form; attach "
                "its application forms under “Downloadable forms”."
            )
        )
    return errors


def publication_errors(page):
    """Every reason the page (a revision's object) may not be published."""
    errors = list(getattr(page, "publication_errors", lambda: [])())
    errors += service_item_errors(page)
    errors += empty_column_errors(page)
    return errors + text_errors(page)


def text_errors(page):
    """Dictionary and personal-data findings in the page's text and its attachments' text."""
    text = page_text(page)
    errors = dictionary_errors(text)
    errors += personal_data_errors(text, _("The text"))
    for document in page_documents(page):
        attachment_text = document_text(document)
        errors += dictionary_errors(attachment_text)
        errors += personal_data_errors(attachment_text, _("The attachment “%(title)s”") % {"title": document.title})
    return errors


def refuse_if_failing(page):
    """True (and the reasons reported to the acting user) when the page fails a check."""
    errors = publication_errors(page)
    if not errors:
        return False
    request = current_request.get()
    if request is None:
        raise ValidationError(errors)
    messages.error(request, _("Approval refused: %(reasons)s") % {"reasons": " ".join(errors)})
    return True
