"""The abstract page every public page type derives from: routing, canonical URL, column and unit."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from .publication import check_publication, check_revision

# The page type that plays each role in the tree ("column": content.ColumnPage, "unit home":
# content.UnitHomePage), registered by its `page_role`; get_column and get_unit look them up here.
PAGE_ROLES = {}


class SensitivityPanel(FieldPanel):
    """The sensitivity mark's panel: revisions compare with `PortalPage.sensitivity_comparison` when set."""

    def get_comparison_class(self):
        return PortalPage.sensitivity_comparison or super().get_comparison_class()


class PortalPage(Page):
    """Shared behaviour of public pages.

    A unit's pages are reachable through the portal host and the unit's own host;
    the canonical URL is always the one on the most specific site (the unit's host).
    """

    sensitivity = models.CharField(_("sensitivity"), max_length=100, blank=True)

    settings_panels = Page.settings_panels
    # Wagtail's slug help ("如http://domain.com/work/[my-work]/") is an English example: ours says what it is.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text=_(
                        "The last part of the page's address, in letters, digits and hyphens (e.g. 20260820-1)."
                    ),
                ),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            _("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], _("For site menus")),
    ]
    # moderation.apps installs moderation.forms.PortalPageForm (slug, centre-only fields, references).
    base_form_class = WagtailAdminPageForm
    # moderation.apps installs the comparison that shows the marks' names (政治性) in revision compare.
    sensitivity_comparison = None
    # The column types (content.models.ColumnType) an item of this type is written in; the column's
    # accepted types are gathered from these declarations (content.models.columns.item_types).
    column_types = ()
    # "column" or "unit home" for the page type playing that role (see PAGE_ROLES).
    page_role = None
    # Related rows loaded with the page when routing passes through it (every public page reads them).
    route_select_related = ()
    # The page type's result type in public search (search/, content/documents.py): policy, news, …
    search_type = "page"
    # The pages routing went through to reach this one, from the site root down (set by `route`).
    routed_lineage = None
    # Whether the page stays at its address as a marked record once its expiry time has passed (a policy
    # document: 47号 五(一)4 wants a file that lapsed marked on its own page); others answer 404.
    keeps_record_when_expired = False

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """The sensitivity mark, which decides whether the main leader must approve, sits right below
        the title on the content tab of every page type (not on the settings tab)."""
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("page_role"):
            PAGE_ROLES[cls.page_role] = cls
        panels = cls.__dict__.get("content_panels")
        if panels and not any(getattr(panel, "field_name", None) == "sensitivity" for panel in panels):
            cls.content_panels = [panels[0], SensitivityPanel("sensitivity"), *panels[1:]]

    def _set_core_field_defaults(self):
        # Wagtail would make a Chinese title's slug from the title itself: a 200-character
        # percent-encoded address. A page whose title gives no ASCII slug gets its date and a number.
        if not self.slug and self.path and not slugify(self.title):
            self.slug = self._dated_slug()
        super()._set_core_field_defaults()

    def _dated_slug(self):
        """The first free slug `<date>-<n>` among the page's siblings (20260820-1, 20260820-2 …)."""
        prefix = f"{timezone.localdate():%Y%m%d}-"
        siblings = set(
            Page.objects.filter(
                path__startswith=self.path[: -self.steplen], depth=self.depth, slug__startswith=prefix
            ).values_list("slug", flat=True)
        )
        number = len(siblings) + 1
        while f"{prefix}{number}" in siblings:
            number += 1
        return f"{prefix}{number}"

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's rule, narrowed by a parent that knows which page types belong in it (a column offers
        only its own item types: `accepts_subpage_type`). The admin's "add subpage" list and its create
        view both ask this."""
        accepts = getattr(parent.specific, "accepts_subpage_type", None)
        return super().can_create_at(parent) and (accepts is None or accepts(cls))

    @property
    def sensitivity_marks(self):
        """The sensitivity marks (全局性/政治性/政策性/敏感性) of this version of the page."""
        return [mark for mark in self.sensitivity.split(",") if mark]

    def publish(self, revision, user=None, **kwargs):
        """Wagtail's publish, behind the publication gate (`base.publication`)."""
        check_publication(self, revision, user)
        return super().publish(revision, user=user, **kwargs)

    def save_revision(self, user=None, *args, **kwargs):
        """Every path that saves a revision (editor, revert, admin API, copy) keeps the marks in force
        unless `user` may clear them (the "check_revision" hooks, moderation/marks.py)."""
        check_revision(self, user)
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
        if (not page.live or page.has_expired()) and not page.is_expired_record():
            raise Http404  # an expired page is gone at once, before the scheduled job unpublishes it
        page.routed_lineage = chain
        return RouteResult(page)

    def has_expired(self):
        return self.expire_at is not None and self.expire_at <= timezone.now()

    def is_expired_record(self):
        """An expired page kept as a record: served with its 已过期 mark, out of listings and search (the
        scheduled job unpublished it, or will). A page withdrawn before it expired is not one."""
        return self.keeps_record_when_expired and self.has_expired() and (self.live or self.expired)

    def _pages_on_path(self, path_components):
        """The specific pages below this one named by `path_components` (slugs), top down; Http404 if absent."""
        rows = list(
            Page.objects.filter(
                path__startswith=self.path,
                depth__gt=self.depth,
                depth__lte=self.depth + len(path_components),
                slug__in=set(path_components),
            ).values_list("pk", "path", "depth", "slug", "content_type_id")
        )
        found, parent_path = [], self.path
        for level, slug in enumerate(path_components, start=self.depth + 1):
            match = next(
                (row for row in rows if row[2] == level and row[3] == slug and row[1][: -self.steplen] == parent_path),
                None,
            )
            if match is None:
                raise Http404
            found.append(match)
            parent_path = match[1]
        by_type = {}
        for pk, _path, _depth, _slug, content_type_id in found:
            by_type.setdefault(content_type_id, []).append(pk)
        pages = {}
        for content_type_id, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
            related = getattr(model, "route_select_related", ())
            pages.update(model.objects.select_related(*related).in_bulk(pks))
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
        ColumnPage = PAGE_ROLES["column"]
        if isinstance(self, ColumnPage):
            return self
        if self.routed_lineage is not None:
            return self.routed_ancestor(ColumnPage)
        return ColumnPage.objects.ancestor_of(self).order_by("-depth").first()

    def get_unit(self):
        UnitHomePage = PAGE_ROLES["unit home"]
        if self.routed_lineage is not None:
            home = self.routed_ancestor(UnitHomePage)
        else:
            home = UnitHomePage.objects.ancestor_of(self, inclusive=True).select_related("unit").first()
        return home.unit if home else None
