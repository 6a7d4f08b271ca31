"""What a home page (the county portal's or a unit's) shows besides its editorial blocks.

The dated lists come from the site's own columns (on the portal, the syndicated ones), newest
first, each with its column for the "更多" link; the 要闻 and banners fall back to the newest
news with an image and the live topics when editors have chosen none.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from .models import AnnualReportPage, ColumnPage, LeaderPage, NewsPage, TopicPage, current

LIST_LENGTH = 8
HEADLINE_COUNT = 6


@dataclass
class HomeList:
    column: ColumnPage
    items: list = field(default_factory=list)
    show_unit: bool = False


def home_columns(home, private):
    """{slug: column} of the live top-level columns of a home page."""
    return {column.slug: column for column in current(ColumnPage.objects.child_of(home), private)}


def dated_lists(columns, slugs, private):
    """A HomeList per slug present, with the column's newest items."""
    lists = []
    for slug in slugs:
        column = columns.get(slug)
        if column is None:
            continue
        items = column.listed_items(private)
        if column.syndication:
            items = items.select_related("owner_unit")
        lists.append(HomeList(column, list(items[:LIST_LENGTH]), bool(column.syndication)))
    return lists


def headlines(home, chosen, private):
    """(lead, others): the 要闻 chosen by editors, else the newest news below `home`; the lead has an image
    when one of them has."""
    pages = [block.value.specific for block in chosen if block.value and block.value.live]
    if not pages:
        pages = list(
            current(NewsPage.objects.descendant_of(home), private)
            .select_related("cover")
            .order_by("-first_published_at", "-pk")[:HEADLINE_COUNT]
        )
    lead = next((page for page in pages if getattr(page, "cover", None)), None)
    return lead, [page for page in pages if page is not lead]


def topics(home, banners, private):
    """The editors' banners, else the live topics below `home` (newest first, at most four)."""
    if banners:
        return list(banners), []
    return [], list(current(TopicPage.objects.descendant_of(home), private).order_by("-first_published_at")[:4])


def leaders(home, private):
    return list(current(LeaderPage.objects.descendant_of(home), private).order_by("path")[:LIST_LENGTH])


def child_items(column, private):
    """A column's newest children (e.g. service guides), for an entry list."""
    return list(column.listed_items(private).specific()[:LIST_LENGTH]) if column is not None else []


def annual_reports(home, private):
    """The site's latest published report of each kind (the rules want them on the home page)."""
    reports = current(AnnualReportPage.objects.descendant_of(home), private).order_by("-year", "-pk")
    unit_id = getattr(home, "unit_id", None)
    reports = reports.filter(owner_unit_id=unit_id) if unit_id else reports.filter(owner_unit__isnull=True)
    latest = {}
    for report in reports:
        latest.setdefault(report.report_kind, report)
    return sorted(latest.values(), key=lambda report: report.report_kind != AnnualReportPage.Kind.WEBSITE)


def home_context(home, list_slugs, services_slug):
    """The context every home page shows: 要闻, dated lists, banners or topics, service entries."""
    private = Page.objects.private_q()
    columns = home_columns(home, private)
    lead, others = headlines(home, home.headlines, private)
    banners, topic_pages = topics(home, home.banners, private)
    return {
        "private": private,
        "home_columns": columns,
        "headline": lead,
        "headlines": others,
        "lists": dated_lists(columns, list_slugs, private),
        "banners": banners,
        "topics": topic_pages,
        "services_column": columns.get(services_slug),
        "services": child_items(columns.get(services_slug), private),
        "annual_reports": annual_reports(home, private),
    }
