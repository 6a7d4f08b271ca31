"""Counting a page view: the site and column it belongs to, the day's counters, unique visitors.

A visitor is "new" for a site (or column) and day when the hash of the day's salt, their address
(base.client, so X-Forwarded-For only from trusted proxies) and their browser string has not been
seen there today. Salt and hashes live only in cache "default" and expire at the next local
midnight, so the day after, nobody — the operator included — can link a count to an address.
With several app processes the cache must be shared (Redis), as for the rate limits.
"""

import datetime
import hashlib
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Site

from base.client import client_address
from content.models import ColumnPage


def _seconds_to_midnight(now):
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    return max(1, int((midnight - now).total_seconds()))


def _is_new_visitor(request, day, scope, ttl):
    salt = cache.get_or_set(f"visits:salt:{day}", secrets.token_hex(16), ttl)
    mark = "|".join([salt, client_address(request), request.META.get("HTTP_USER_AGENT", ""), scope])
    return cache.add("visits:seen:" + hashlib.sha256(mark.encode()).hexdigest(), 1, ttl)


def _bump(day, site, column, new):
    from .models import DailyVisits

    rows = DailyVisits.objects.filter(day=day, site=site, column=column)
    changes = {"views": F("views") + 1, "visitors": F("visitors") + int(new)}
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():
            DailyVisits.objects.create(day=day, site=site, column=column, views=1, visitors=int(new))
    except IntegrityError:  # created meanwhile by a concurrent view
        rows.update(**changes)


def site_of(page):
    """The site the page belongs to: the one with the deepest root above (or at) it."""
    roots = [page.path[:length] for length in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return Site.objects.filter(root_page__path__in=roots).order_by("-root_page__depth").first()


def record_view(request, page):
    """Count one view of a live `page`."""
    site = site_of(page)
    if site is None:
        return
    column = ColumnPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    now = timezone.now()
    day, ttl = timezone.localdate(now), _seconds_to_midnight(now)
    scopes = [(None, f"site:{site.pk}")] + ([(column, f"column:{column.pk}")] if column else [])
    for target, scope in scopes:
        _bump(day, site, target, _is_new_visitor(request, day, scope, ttl))
