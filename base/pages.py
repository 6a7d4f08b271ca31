"""The abstract page every public page type derives from: routing, canonical URL, column and unit."""
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from moderation.forms import PortalPageForm
from moderation.marks import refuse_clearing


class PortalPage(Page):
    """Shared behaviour of public pages.

    A unit's pages are reachable through the portal host and the unit's own host;
    the canonical URL is always the one on the most specific site (the unit's host).
    """

    sensitivity = models.CharField(_("sensitivity"), max_length=100, blank=True)

    settings_panels = [FieldPanel("sensitivity")] + Page.settings_panels
    base_form_class = PortalPageForm
    # The pages routing went through to reach this one, from the site root down (set by `route`).
    routed_lineage = None

    class Meta:
        abstract = True

    @property
    def sensitivity_marks(self):
        """The sensitivity marks (全局性/政治性/政策性/敏感性) of this version of the page."""
        return [mark for mark in self.sensitivity.split(",") if mark]

    def save_revision(self, user=None, *args, **kwargs):
        """Every path that saves a revision (editor, revert, admin API, copy) keeps the marks in force
        unless `user` may clear them."""
        refuse_clearing(user, self)
        return super().save_revision(user, *args, **kwargs)

    def route(self, request, path_components):
        """Wagtail's routing, resolving the whole remaining path at once.

        Wagtail takes two queries per path level (the child by slug, then its specific row);
        here one narrow query finds every page on the path and one query per page type loads
        them. The routed page remembers the pages it was reached through (`routed_lineage`,
        from the site root down to itself), so breadcrumbs, column and unit need no queries.
        """
        chain = [self] + self._pages_on_path(path_components)
        for parent, child in zip(chain, chain[1:]):
            child._cached_parent_obj = parent
        page = chain[-1]
        if not page.live:
            raise Http404
        page.routed_lineage = chain
        return RouteResult(page)

    def _pages_on_path(self, path_components):
        """The specific pages below this one named by `path_components` (slugs), top down; Http404 if absent."""
        rows = list(Page.objects.filter(
            path__startswith=self.path, depth__gt=self.depth, depth__lte=self.depth + len(path_components),
            slug__in=set(path_components),
        ).values_list("pk", "path", "depth", "slug", "content_type_id"))
        found, parent_path = [], self.path
        for level, slug in enumerate(path_components, start=self.depth + 1):
            match = next((row for row in rows if row[2] == level and row[3] == slug
                          and row[1][:-self.steplen] == parent_path), None)
            if match is None:
                raise Http404
            found.append(match)
            parent_path = match[1]
        by_type = {}
        for pk, _path, _depth, _slug, content_type_id in found:
            by_type.setdefault(content_type_id, []).append(pk)
        pages = {}
        for content_type_id, pks in by_type.items():
            pages.update((ContentType.objects.get_for_id(content_type_id).model_class() or Page).objects.in_bulk(pks))
        return [pages[row[0]] for row in found]

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page and its ancestors (an alias's from its source), in one query.

        Wagtail loads the ancestors first; their tree paths are prefixes of this page's path.
        """
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    def get_canonical_url(self, root_paths_holder=None):
        """The URL on the site with the deepest root, i.e. the unit's host.

        Without an HttpRequest Wagtail prefers no current site; any other object passed as
        `root_paths_holder` merely keeps the site root paths, so links in a list read them once.
        """
        return self.get_full_url(request=root_paths_holder)

    def routed_ancestor(self, page_class):
        """The nearest page of `page_class` (this one included) that routing passed through.

        Only for a routed page (`routed_lineage` set). Site roots are home pages, and columns and
        unit homes never sit above one, so the lineage holds every column or unit home ancestor.
        """
        return next((page for page in reversed(self.routed_lineage) if isinstance(page, page_class)), None)

    def get_column(self):
        """The column (栏目) this page belongs to: itself for a column page, else its nearest column ancestor."""
        from content.models import ColumnPage

        if isinstance(self, ColumnPage):
            return self
        if self.routed_lineage is not None:
            return self.routed_ancestor(ColumnPage)
        return (
            ColumnPage.objects.ancestor_of(self).order_by("-depth").first()
        )

    def get_unit(self):
        from subsites.models import UnitHomePage

        if self.routed_lineage is not None:
            home = self.routed_ancestor(UnitHomePage)
        else:
            home = UnitHomePage.objects.ancestor_of(self, inclusive=True).select_related("unit").first()
        return home.unit if home else None
