"""The abstract page every public page type derives from: canonical URL and meta tags."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from moderation.forms import PortalPageForm


class PortalPage(Page):
    """Shared behaviour of public pages.

    A unit's pages are reachable through the portal host and the unit's own host;
    the canonical URL is always the one on the most specific site (the unit's host).
    """

    sensitivity = models.CharField(_("sensitivity"), max_length=100, blank=True)

    settings_panels = [FieldPanel("sensitivity")] + Page.settings_panels
    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    @property
    def sensitivity_marks(self):
        """The sensitivity marks (全局性/政治性/政策性/敏感性) of this version of the page."""
        return [mark for mark in self.sensitivity.split(",") if mark]

    def get_canonical_url(self):
        # Without a request, Wagtail picks the site with the deepest root, i.e. the unit's host.
        return self.get_full_url(request=None)

    def get_column(self):
        """The column (栏目) this page belongs to: itself for a column page, else its nearest column ancestor."""
        from content.models import ColumnPage

        if isinstance(self, ColumnPage):
            return self
        return (
            ColumnPage.objects.ancestor_of(self).order_by("-depth").first()
        )

    def get_unit(self):
        from subsites.models import UnitHomePage

        home = UnitHomePage.objects.ancestor_of(self, inclusive=True).select_related("unit").first()
        return home.unit if home else None
