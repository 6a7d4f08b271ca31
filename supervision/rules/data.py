"""Everything the rules read, loaded in a few grouped queries for all subjects at once.

Pages belong to a subject by tree path (subsites.tree.UnitPaths): a unit's pages lie below its
`UnitHomePage` (depth 3), everything else below the portal home belongs to the portal. Items carry
`owner_unit`, so item queries group by that column instead of walking the tree.
"""

import datetime
import re
from collections import Counter, defaultdict
from functools import cached_property, wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import Length, Substr, TruncDate
from django.utils import timezone
from wagtail.models import Page

from base.time import end_of_day, local_date
from content.models import (
    ColumnPage,
    FixedInfoChange,
    InterpretationPage,
    NewsPage,
    Organisation,
    PolicyPage,
    QAPage,
    ServiceItemPage,
    SurveyPage,
)
from content.models.columns import effective_freshness
from content.vocabularies import KINDS_NEEDING_INTERPRETATION
from interaction.models import Case, Deadline, DeadlineState, Kind
from interaction.workdays import WorkCalendar
from subsites.tree import UNIT_HOME_DEPTH, UnitPaths

STEP = Page.steplen
TAG_RE = re.compile(r"<[^>]+>|&nbsp;|\s")


def memoized(method):
    """Compute a grouped query once per PeriodData and arguments; every subject then reads its share."""

    @wraps(method)
    def wrapper(self, *args):
        key = (method.__name__, repr(args))
        if key not in self._memo:
            self._memo[key] = method(self, *args)
        return self._memo[key]

    return wrapper


class PeriodData:
    """Grouped data of one period for the given subjects; each attribute is loaded on first use."""

    def __init__(self, period, subjects):
        self.period = period
        self.as_of = period.as_of
        self.subjects = subjects
        self.unit_paths = UnitPaths()
        self.calendar = WorkCalendar()
        self._workday_deadlines = {}
        self._memo = {}

    @cached_property
    def site_identities(self):
        """{subject key: the SiteIdentity of its site, or None for a subject without a site}."""
        from wagtail.models import Site

        from subsites.models import SiteIdentity

        result = {}
        for subject in self.subjects:
            site = subject.unit.site if subject.unit else Site.objects.filter(root_page__path=subject.home_path).first()
            result[subject.key] = SiteIdentity.for_site(site) if site else None
        return result

    # --- columns -------------------------------------------------------------------------

    @cached_property
    def columns(self):
        """{subject key: [column dict]} with each column's item count and latest item as of the period."""
        column_type = ContentType.objects.get_for_model(ColumnPage)
        items = (
            Page.objects.filter(live=True, depth__gte=4, first_published_at__lte=self.as_of)
            .exclude(content_type=column_type)
            .annotate(parent=Substr("path", 1, Length("path") - STEP))
            .order_by()
            .values("parent")
            .annotate(last=Max("first_published_at"), count=Count("id"))
        )
        by_parent = {row["parent"]: row for row in items}
        organisations = dict(Organisation.objects.order_by().values_list("column_id").annotate(n=Count("id")))
        result = defaultdict(list)
        rows = ColumnPage.objects.filter(live=True).values(
            "id", "title", "path", "depth", "column_type", "freshness", "syndication", "body"
        )
        for row in rows:
            stats = by_parent.get(row["path"], {})
            column = {
                "id": row["id"],
                "title": row["title"],
                "path": row["path"],
                "column_type": row["column_type"],
                "freshness": effective_freshness(row["column_type"], row["freshness"]),
                "syndication": row["syndication"],
                "count": stats.get("count", 0),
                "last": stats.get("last"),
                "text": bool(TAG_RE.sub("", row["body"] or "")) or bool(organisations.get(row["id"])),
            }
            key = self.unit_paths.unit_id_for_path(row["path"])
            column["top_level"] = row["depth"] == (UNIT_HOME_DEPTH + 1 if key is not None else UNIT_HOME_DEPTH)
            if row["syndication"]:
                self._syndicated_stats(column)
            result[key].append(column)
        return result

    def _syndicated_stats(self, column):
        page = ColumnPage(syndication=column["syndication"])
        stats = (
            page.listed_items()
            .filter(first_published_at__lte=self.as_of)
            .aggregate(last=Max("first_published_at"), count=Count("id"))
        )
        column.update(stats)

    @cached_property
    def latest_item(self):
        """{subject key: first publication time of the newest live item}; the portal shows every item."""
        latest = {}
        for key, columns in self.columns.items():
            times = [c["last"] for c in columns if c["last"] and not c["syndication"]]
            latest[key] = max(times) if times else None
        overall = [t for t in latest.values() if t]
        latest[None] = max(overall) if overall else None
        return latest

    # --- items ---------------------------------------------------------------------------

    def in_period(self, prefix="first_published_at"):
        return Q(**{f"{prefix}__gte": self.period.start, f"{prefix}__lt": self.as_of})

    @cached_property
    def news_days(self):
        """{unit id: Counter(local date → news items first published that day)}."""
        rows = (
            NewsPage.objects.filter(self.in_period(), live=True)
            .annotate(day=TruncDate("first_published_at", tzinfo=timezone.get_current_timezone()))
            .order_by()
            .values("owner_unit", "day")
            .annotate(n=Count("id"))
        )
        result = defaultdict(Counter)
        for row in rows:
            result[row["owner_unit"]][row["day"]] += row["n"]
        return result

    @memoized
    def published_in_period(self, model, extra=Q()):
        """{unit id: number of live items of `model` first published in the period}."""
        rows = (
            model.objects.filter(self.in_period(), extra, live=True)
            .order_by()
            .values("owner_unit")
            .annotate(n=Count("id"))
        )
        return {row["owner_unit"]: row["n"] for row in rows}

    @memoized
    def late_items(self, model, hours, extra=Q()):
        """{unit id: [row]} of items first published more than `hours` after their issue time."""
        rows = model.objects.filter(
            self.in_period(), extra, live=True, first_published_at__gt=F("issued_at") + datetime.timedelta(hours=hours)
        ).values("id", "title", "owner_unit", "issued_at", "first_published_at")
        result = defaultdict(list)
        for row in rows:
            result[row["owner_unit"]].append(row)
        return result

    @cached_property
    def fixed_changes(self):
        result = defaultdict(list)
        rows = FixedInfoChange.objects.filter(self.in_period("published_at")).values(
            "page_id", "page__title", "unit_id", "effective_at", "published_at"
        )
        for row in rows:
            result[row["unit_id"]].append(row)
        return result

    def workday_deadline(self, moment, workdays):
        day = local_date(moment)
        if (day, workdays) not in self._workday_deadlines:
            self._workday_deadlines[day, workdays] = end_of_day(self.calendar.add_workdays(day, workdays))
        return self._workday_deadlines[day, workdays]

    @cached_property
    def policies(self):
        """{unit id: [policy row + first interpretation time]} of documents that need a 解读 or 便民问答."""
        first = {}
        for model in (InterpretationPage, QAPage):
            rows = (
                model.objects.filter(live=True, policy__isnull=False, first_published_at__lte=self.as_of)
                .order_by()
                .values("policy")
                .annotate(first=Min("first_published_at"))
            )
            for row in rows:
                first[row["policy"]] = min(filter(None, (first.get(row["policy"]), row["first"])))
        result = defaultdict(list)
        rows = PolicyPage.objects.filter(
            live=True, policy_kind__in=KINDS_NEEDING_INTERPRETATION, first_published_at__lte=self.as_of
        ).values("id", "title", "owner_unit", "first_published_at", "interpretation_exempt", "exemption_reason")
        for row in rows:
            row["interpreted_at"] = first.get(row["id"])
            result[row["owner_unit"]].append(row)
        return result

    # --- interaction ---------------------------------------------------------------------

    @memoized
    def late_deadlines(self, deadline_kind, case_kind):
        """({unit id: [late deadline row]}, {unit id: deadlines due in the period})."""
        due = Deadline.objects.filter(
            kind=deadline_kind, case__kind=case_kind, due_at__gte=self.period.start, due_at__lt=self.as_of
        )
        grouped = due.order_by().values("case__unit").annotate(n=Count("id"))
        totals = {row["case__unit"]: row["n"] for row in grouped}
        late = due.filter(Q(state=DeadlineState.OPEN) | Q(state=DeadlineState.MET, closed_at__gt=F("due_at")))
        result = defaultdict(list)
        for row in late.values("case__unit", "case__tracking_code", "case__title", "due_at", "closed_at"):
            result[row["case__unit"]].append(row)
        return result, totals

    @memoized
    def long_open_messages(self, warn_days):
        """{unit id: [case row]}: messages of the past year open (or answered) after more than `warn_days`."""
        year_ago = self.as_of - datetime.timedelta(days=365)
        limit = datetime.timedelta(days=warn_days)
        still_open = Q(replied_at__isnull=True) | Q(replied_at__gt=self.as_of)
        rows = (
            Case.objects.exclude(kind=Kind.DISCLOSURE)
            .filter(submitted_at__gt=year_ago, submitted_at__lte=self.as_of)
            .filter(
                (still_open & Q(submitted_at__lt=self.as_of - limit))
                | Q(replied_at__lte=self.as_of, replied_at__gt=F("submitted_at") + limit)
            )
            .values("unit", "tracking_code", "title", "submitted_at", "replied_at")
        )
        result = defaultdict(list)
        for row in rows:
            answered = row["replied_at"] if row["replied_at"] and row["replied_at"] <= self.as_of else None
            row["days"] = ((answered or self.as_of) - row["submitted_at"]).days
            row["answered"] = answered is not None
            result[row["unit"]].append(row)
        return result

    # --- services, probes, links ---------------------------------------------------------

    @memoized
    def service_items(self, fields):
        result = defaultdict(list)
        for row in ServiceItemPage.objects.filter(live=True).values("id", "owner_unit", *fields):
            result[row["owner_unit"]].append(row)
        return result

    @cached_property
    def licensing_items(self):
        """{unit id: [live 行政许可 ServiceItemPage, annotated with its number of downloadable forms]}."""
        result = defaultdict(list)
        items = (
            ServiceItemPage.objects.filter(live=True, item_type=ServiceItemPage.ItemType.LICENSING)
            .annotate(form_count=Count("forms"))
            .order_by("path")
        )
        for page in items:
            result[page.owner_unit_id].append(page)
        return result

    @memoized
    def surveys_without_results(self, days):
        """{unit id or None: [live 征集调查 closed more than `days` days before as_of, results unpublished]}."""
        result = defaultdict(list)
        due = self.as_of - datetime.timedelta(days=days)
        for page in (
            SurveyPage.objects.filter(live=True, closes_at__lte=due)
            .filter(Q(results_published_at__isnull=True) | Q(results_published_at__gt=self.as_of))
            .order_by("closes_at")
        ):
            result[page.owner_unit_id].append(page)
        return result

    @memoized
    def probes(self, days):
        from ..models import ProbeResult

        since = self.as_of - datetime.timedelta(days=days)
        rows = (
            ProbeResult.objects.filter(checked_at__gt=since, checked_at__lte=self.as_of)
            .order_by()
            .values("unit")
            .annotate(total=Count("id"), failures=Count("id", filter=Q(ok=False)))
        )
        return {row["unit"]: row for row in rows}

    def missing_channel_entries(self, unit):
        """Labels of the 互动交流 entries not reachable by links from the subject's home page (None: no site)."""
        from ..channels import reachable_entries, site_for

        site = site_for(unit)
        if site is None:
            return None
        return reachable_entries(site)[1]

    @cached_property
    def link_problems(self):
        """{unit id: [broken link row]} of the last link check run before the end of the period (None: no run)."""
        from ..models import LinkCheckRun, LinkProblem

        run = LinkCheckRun.objects.filter(finished_at__lte=self.as_of).order_by("-finished_at").first()
        if run is None:
            return None
        result = defaultdict(list)
        rows = LinkProblem.objects.filter(run=run, checked=True)
        for row in rows.values("unit", "page_id", "page__title", "url", "kind", "problem"):
            result[row["unit"]].append(row)
        return result

    @cached_property
    def new_media_accounts(self):
        """{unit id: [open 政务新媒体 account]} of the accounts opened by the end of the period."""
        from content.models import NewMediaAccount

        result = defaultdict(list)
        accounts = NewMediaAccount.objects.filter(opened_on__lte=local_date(self.as_of)).exclude(
            closed_on__lte=local_date(self.as_of)
        )
        for account in accounts.order_by("sort_order", "pk"):
            result[account.unit_id].append(account)
        return result
