"""The county portal home page and generic article pages."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from base.pages import PortalPage


class PortalHomePage(PortalPage):
    """The county portal (县政府门户网站) home; every unit's subsite hangs below it."""

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["subsites.UnitHomePage", "content.ColumnPage"]
    max_count = 1
    template = "home/portal_home_page.html"

    class Meta:
        verbose_name = _("portal home page")

    def get_context(self, request, *args, **kwargs):
        from subsites.models import UnitHomePage, UnitKind

        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["columns"] = [p for p in children if not isinstance(p, UnitHomePage)]
        unit_homes = list(
            UnitHomePage.objects.child_of(self).live().public().select_related("unit")
            .order_by("unit__sort_order", "unit__code")
        )
        context["township_sites"] = [h for h in unit_homes if h.unit.kind != UnitKind.DEPARTMENT]
        context["department_sites"] = [h for h in unit_homes if h.unit.kind == UnitKind.DEPARTMENT]
        return context


class ArticlePage(PortalPage):
    """A generic article: the default item type inside a column."""

    source = models.CharField(_("source"), max_length=100, blank=True)
    body = RichTextField(_("body"))

    content_panels = Page.content_panels + [FieldPanel("source"), FieldPanel("body")]
    parent_page_types = ["content.ColumnPage"]
    subpage_types = []
    template = "home/article_page.html"

    class Meta:
        verbose_name = _("article")
