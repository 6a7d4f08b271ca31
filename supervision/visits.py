"""Visit figures of a site read from the daily counters (visits app): per day, per column, per year."""

import datetime

from django.db.models import Sum
from wagtail.models import Page

from visits.models import DailyVisits


def site_rows(subject, start, end):
    """The site rows (column empty) of a subject's site from `start` to `end` (dates, inclusive)."""
    return DailyVisits.objects.filter(
        site__root_page__path=subject.home_path, column__isnull=True, day__gte=start, day__lte=end
    )


def per_day(subject, start, end):
    """[(date, views, visitors)] for every day from `start` to `end`, zero where nothing was counted."""
    counted = {row.day: (row.views, row.visitors) for row in site_rows(subject, start, end)}
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    return [(day, *counted.get(day, (0, 0))) for day in days]


def per_column(subject, start, end):
    """[(column title, views, daily unique visitors summed)] of the period, most viewed first."""
    rows = (
        DailyVisits.objects.filter(
            site__root_page__path=subject.home_path, column__isnull=False, day__gte=start, day__lte=end
        )
        .values("column")
        .annotate(views=Sum("views"), visitors=Sum("visitors"))
        .order_by("-views")
    )
    titles = dict(Page.objects.filter(pk__in=[r["column"] for r in rows]).values_list("pk", "title"))
    return [(titles.get(r["column"], ""), r["views"], r["visitors"]) for r in rows]


def year_totals(subject, year):
    """(page views, daily unique visitors summed) of a site over a calendar year."""
    totals = site_rows(subject, datetime.date(year, 1, 1), datetime.date(year, 12, 31)).aggregate(
        views=Sum("views"), visitors=Sum("visitors")
    )
    return totals["views"] or 0, totals["visitors"] or 0
