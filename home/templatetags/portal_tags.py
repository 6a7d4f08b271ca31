"""Template tags shared by every public template: the site frame (header name, main navigation),
meta tags, breadcrumbs, canonical URLs, unit footer links."""

from types import SimpleNamespace

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from content.blueprint import PORTAL_NAVIGATION, UNIT_NAVIGATION
from content.models import ColumnPage, ColumnType, PortalHomePage, UnitHomePage, current
from subsites.models import SiteIdentity

register = template.Library()


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def page_meta_tags(context, page):
    """The SiteName/SiteDomain/SiteIDCode, Column* and Article* meta tags of the national spec."""
    request = context["request"]
    site = Site.find_for_request(request)
    identity = SiteIdentity.for_request(request) if site else None  # cached on the request for base.html
    column = page.get_column() if page else None
    if isinstance(page, (PortalHomePage, UnitHomePage)):
        column_name, column_type = page.title, ColumnType.HOME.label
        description, keywords = page.search_description, page.title
    elif column is not None:
        column_name, column_type = column.title, column.get_column_type_display()
        description, keywords = column.description or column.title, column.keywords or column.title
    else:
        column_name = column_type = description = keywords = ""
    is_article = page is not None and column is not None and column.pk != page.pk
    published = page.first_published_at if page else None
    return {
        "site_name": (identity and identity.site_name) or (site and site.site_name) or "",
        "site_domain": request.get_host().split(":")[0],
        "site_id_code": identity.site_code if identity else "",
        "column_name": column_name,
        "column_description": description,
        "column_keywords": keywords,
        "column_type": column_type,
        "article": is_article,
        "page": page,
        "pub_date": timezone.localtime(published).strftime("%Y-%m-%d %H:%M") if published else "",
        "content_source": getattr(page, "source", "") or (page.get_unit() if page else "") or "",
    }


def _frame_home(request, page):
    """The home page whose header and navigation a page shows: its unit's home, else the site's root."""
    unit_home = None
    if isinstance(page, UnitHomePage):
        unit_home = page
    elif page is not None and getattr(page, "routed_lineage", None) is not None:
        unit_home = page.routed_ancestor(UnitHomePage)
    elif page is not None and page.pk:
        unit_home = UnitHomePage.objects.ancestor_of(page, inclusive=True).first()
    if unit_home is not None:
        return unit_home
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else PortalHomePage.objects.first()
    return root if isinstance(root, (PortalHomePage, UnitHomePage)) else PortalHomePage.objects.first()


def _portal_home(page):
    """The county portal's home page: the one routing passed through, if it did."""
    lineage = getattr(page, "routed_lineage", None) or ()
    return next((p for p in lineage if isinstance(p, PortalHomePage)), None) or PortalHomePage.objects.first()


@register.simple_tag(takes_context=True)
def site_frame(context):
    """Header and navigation data of the current page or view, computed once per request.

    `home` (the portal's or the unit's home), `site_name`, `navigation` ([(column, is_current)]),
    `portal` (the county portal home, on a unit's pages) and `interaction` (the 互动交流 column).
    """
    request = context["request"]
    page = context.get("page")
    cached = getattr(request, "site_frame", None)
    if cached is not None and cached.page is page:
        return cached
    home = _frame_home(request, page if isinstance(page, Page) else None)
    is_unit = isinstance(home, UnitHomePage)
    slugs = UNIT_NAVIGATION if is_unit else PORTAL_NAVIGATION
    private = context.get("private")  # the page's view-restriction filter, when it computed one
    columns = (
        {c.slug: c for c in current(ColumnPage.objects.child_of(home), private).filter(slug__in=slugs)} if home else {}
    )
    path = getattr(page, "path", "")
    navigation = [(columns[slug], path.startswith(columns[slug].path)) for slug in slugs if slug in columns]
    site = Site.find_for_request(request)
    if site is None or home is None or site.root_page_id != home.pk:
        site = home.get_site() if home else None
    identity = (
        SiteIdentity.for_request(request)
        if site == Site.find_for_request(request)
        else (SiteIdentity.for_site(site) if site else None)
    )
    frame = SimpleNamespace(
        page=page,
        home=home,
        navigation=navigation,
        is_unit=is_unit,
        identity=identity,
        site_name=(identity and identity.site_name) or (home.title if home else ""),
        portal=_portal_home(page) if is_unit else None,
        interaction=columns.get("hdjl"),
        services=columns.get("zwfw") or columns.get("bsfw"),
        is_home=page is not None and home is not None and page.pk == home.pk,
    )
    request.site_frame = frame
    return frame


def _page_crumbs(request, page):
    site = Site.find_for_request(request)
    if page.routed_lineage is not None:
        ancestors = [ancestor for ancestor in page.routed_lineage if ancestor.depth > 1]
    else:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    if site is not None:
        ancestors = [ancestor for ancestor in ancestors if ancestor.path.startswith(site.root_page.path)]
    return [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, title="", section=None):
    """当前位置: the page's ancestors on this site; for a view (search, forms) 首页 › `section` › `title`."""
    request = context["request"]
    if page is not None:
        crumbs = _page_crumbs(request, page)
    else:
        frame = site_frame(context)
        crumbs = [(frame.home.title, frame.home.get_url(request))] if frame.home else []
        if section is not None:
            crumbs.append((section.title, section.get_url(request)))
        crumbs.append((title, ""))
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """The page's canonical URL; the site root paths are read from the cache once per request."""
    request = context["request"]
    if not hasattr(request, "canonical_root_paths"):
        request.canonical_root_paths = SimpleNamespace()
    return page.get_canonical_url(request.canonical_root_paths)


@register.simple_tag
def unit_links(page):
    unit = page.get_unit() if page else None
    return list(unit.links.all()) if unit else []


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context, page):
    """Open Graph title, description, URL and image, for links shared in chat apps and social media."""
    cover = getattr(page, "cover", None)
    request = context["request"]
    return {
        "title": page.seo_title or page.title,
        "description": page.search_description or getattr(page, "summary", "") or "",
        "url": canonical_url(context, page),
        "site_name": site_frame(context).site_name,
        "image": request.build_absolute_uri(cover.get_rendition("fill-600x315").url) if cover else "",
        "article": page.get_column() is not None and not isinstance(page, ColumnPage),
    }
