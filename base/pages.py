"""The abstract page every public page type derives from: canonical URL and meta tags."""
from wagtail.models import Page


class PortalPage(Page):
    """Shared behaviour of public pages.

    A unit's pages are reachable through the portal host and the unit's own host;
    the canonical URL is always the one on the most specific site (the unit's host).
    """

    class Meta:
        abstract = True

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
