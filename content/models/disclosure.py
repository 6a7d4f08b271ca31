"""Government information disclosure (政府信息公开): the directory (目录) of disclosed items by the
categories of 条例 art. 20-21, and the disclosure guide (指南, art. 12)."""

from django.apps import apps
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from base.pages import PortalPage

from ..vocabularies import DisclosureCategory
from .columns import ColumnType, current

DIRECTORY_FIELDS = ["pk", "title", "index_number", "summary", "issued_at", "disclosure_category"]


def disclosed_models():
    """The concrete item page types that carry a 索引号 (every disclosed item)."""
    from .items import ItemPage

    return [model for model in apps.get_models() if issubclass(model, ItemPage) and model.has_index_number]


def _disclosed(model, root):
    return current(model.objects.descendant_of(root)).exclude(index_number="").order_by()


def directory_entries(root, category=""):
    """Rows (pk, title, index_number, summary, issued_at, category, unit) of the disclosed items below
    `root`, newest first: one UNION query whatever the number of item types."""
    querysets = []
    for model in disclosed_models():
        queryset = _disclosed(model, root)
        if category:
            queryset = queryset.filter(disclosure_category=category)
        querysets.append(queryset.values_list(*DIRECTORY_FIELDS, "owner_unit__short_name"))
    first, *rest = querysets
    return first.union(*rest, all=True).order_by("-issued_at", "-pk")


def category_counts(root):
    """{category code: number of disclosed items below `root`}."""
    counts = {}
    for model in disclosed_models():
        rows = _disclosed(model, root).order_by().values("disclosure_category").annotate(n=Count("pk"))
        for row in rows:
            counts[row["disclosure_category"]] = counts.get(row["disclosure_category"], 0) + row["n"]
    return counts


def directory_column(page):
    """The 信息公开目录 column of the site `page` belongs to, if there is one."""
    from .columns import ColumnPage

    site = page.get_site()
    if site is None:
        return None
    return (
        ColumnPage.objects.live()
        .descendant_of(site.root_page)
        .filter(column_type=ColumnType.DISCLOSURE, depth=site.root_page.depth + 1)
        .first()
    )


class DisclosureGuidePage(PortalPage):
    """政府信息公开指南: how information is classified and obtained, and who answers requests."""

    column_types = (ColumnType.DISCLOSURE, ColumnType.DISCLOSURE_GUIDE)

    office_name = models.CharField(_("disclosure office"), max_length=100)
    office_address = models.CharField(_("office address"), max_length=200)
    office_hours = models.CharField(_("office hours"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    how_to_obtain = RichTextField(
        _("how to obtain information"), help_text=_("Proactively disclosed information: where and how it is published.")
    )
    request_procedure = RichTextField(
        _("requests for disclosure"), help_text=_("How to file a request, time limits, fees.")
    )
    remedies = RichTextField(_("supervision and remedies"))
    reviewed_on = models.DateField(
        _("last reviewed"), help_text=_("The guide must be kept up to date; review it at least yearly.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
            ],
            heading=_("Disclosure office"),
        ),
        FieldPanel("how_to_obtain"),
        FieldPanel("request_procedure"),
        FieldPanel("remedies"),
        FieldPanel("reviewed_on"),
    ]
    parent_page_types = ["content.ColumnPage"]
    subpage_types = []
    template = "content/disclosure_guide_page.html"

    class Meta:
        verbose_name = _("disclosure guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = directory_column(self)
        context["categories"] = DisclosureCategory.choices
        return context
