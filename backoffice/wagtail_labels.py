"""Wagtail admin labels that would otherwise stay English: strings Wagtail translates once at import
time (the language then may be none, e.g. while `migrate` runs the system checks) and labels it
derives from a field's name instead of its verbose name. Called from `BackofficeConfig.ready`."""

import importlib

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst

# Modules that call gettext (not gettext_lazy) at import time: the redirects' type filter, the
# columns and "Collection" labels of the group editor's collection, image and document permissions.
TRANSLATED_AT_IMPORT = [
    "wagtail.admin.forms.collections",
    "wagtail.images.forms",
    "wagtail.documents.forms",
    "wagtail.contrib.redirects.filters",
]


def import_in_project_language():
    """Import the modules above in the project's language (the only one the admin offers)."""
    with translation.override(settings.LANGUAGE_CODE):
        for name in TRANSLATED_AT_IMPORT:
            importlib.import_module(name)


def label_from_verbose_names():
    """The site listing's columns and the page choosers of the workflow and group editors are labelled
    with the field's name ("Port", "Page"); give them the field's translated verbose name."""
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Site, WorkflowPage
    from wagtail.sites.views import IndexView
    from wagtail.users.forms import PagePermissionsForm

    for column in IndexView.columns:
        if column.label == capfirst(column.name.replace("_", " ")):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    page_label = capfirst(WorkflowPage._meta.get_field("page").verbose_name)
    for form in (WorkflowPageForm, PagePermissionsForm):
        form.base_fields["page"].label = page_label


def install():
    import_in_project_language()
    label_from_verbose_names()
