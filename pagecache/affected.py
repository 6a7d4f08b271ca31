"""Which public addresses show a page: what a change of that page must purge, and nothing more.

A page is shown on its own addresses (on its unit's host and under the portal path, like every
page, see `addresses`) and by the pages that list or mention it:

- its ancestors: its column (every page of the listing), parent columns, the unit home and the
  portal home, which list what is below them;
- the syndicated portal columns whose selection takes it (`content.models.syndication`);
- the topics that gather it, by tag or by hand;
- the 信息公开目录 columns of every site it belongs to;
- any other page that links to it or chooses it (Wagtail's ReferenceIndex: policy ↔ 解读 ↔ 问答,
  links in rich text).

A page template that shows other pages in any further way must add that way here
(docs/architecture.md, "Publish → page cache").
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, ReferenceIndex, Site

from content.models import ColumnPage, ColumnType, TopicPage
from content.models.items import PageTag
from content.models.syndication import syndications_of


def addresses(pages):
    """(host, path) of every site address of `pages`: a unit's page is on its host and the portal's."""
    roots = Site.get_site_root_paths()
    found = set()
    for page in pages:
        for root in roots:
            if page.url_path.startswith(root.root_path):
                found.add((root.root_url.split("://", 1)[1], "/" + page.url_path[len(root.root_path) :]))
    return found


def pages_showing(page):
    """`page` and the pages that show it (live or not: a purge of a page nobody caches costs nothing)."""
    pages = [page] + list(page.get_ancestors().filter(depth__gt=1).only("url_path"))
    syndications = syndications_of(page)
    if syndications:
        pages += ColumnPage.objects.filter(syndication__in=syndications).only("url_path")
    tags = PageTag.objects.filter(content_object_id=page.pk).values_list("tag__name", flat=True)
    pages += TopicPage.objects.filter(Q(tag__in=list(tags)) | Q(selections__page=page)).only("url_path")
    pages += disclosure_directories_listing(page)
    pages += referencing_pages(page)
    return pages


def disclosure_directories_listing(page):
    """The 信息公开目录 columns that list `page`: each lists the items of its own (most specific) site."""
    roots = [root.root_path for root in Site.get_site_root_paths()]  # the sites' root url_paths, cached
    its_roots = [root for root in roots if page.url_path.startswith(root)]
    directories = ColumnPage.objects.filter(
        column_type=ColumnType.DISCLOSURE,
        url_path__startswith=min(its_roots, key=len) if its_roots else "-",
    ).only("url_path")
    return [
        directory
        for directory in directories
        if max((root for root in roots if directory.url_path.startswith(root)), key=len) in its_roots
    ]


def referencing_pages(instance):
    """Pages whose content refers to `instance` (a page, image or document), by Wagtail's ReferenceIndex."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=[int(pk) for pk in ids]).only("url_path", "path"))


def addresses_showing(page, with_descendants=False):
    """Every address that shows `page`; with its descendants' own addresses when it moves or leaves."""
    pages = pages_showing(page)
    if with_descendants:
        pages += page.get_descendants().only("url_path")
    return addresses(pages)
