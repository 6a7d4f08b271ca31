"""Template tags shared by every public template: meta tags, breadcrumbs, canonical URLs, unit footer links."""
from types import SimpleNamespace

from django import template
from django.utils import timezone
from wagtail.models import Site

from content.models import ColumnType
from home.models import PortalHomePage
from subsites.models import SiteIdentity, UnitHomePage

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


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context["request"]
    site = Site.find_for_request(request)
    if page.routed_lineage is not None:
        ancestors = [ancestor for ancestor in page.routed_lineage if ancestor.depth > 1]
    else:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    if site is not None:
        ancestors = [ancestor for ancestor in ancestors if ancestor.path.startswith(site.root_page.path)]
    return {"ancestors": list(ancestors), "current": page, "request": request}


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
