"""Versions that cached pages are valid for, at three scopes, and the next clock-driven change.

A cached page records the versions in force when its request began: the global version, its
host's version and its own address's version (host + path, whatever the query string, so every
page of a paginated listing goes together). It is served only while all three are unchanged.
A purge gives the affected scope a new version: `purge_addresses` for the pages a publication
shows on (the usual case), `purge_host` for a site's identity, `purge_everything` for changes
every page shows (a mourning period declared in the admin, a site renamed). A version that the
cache lost (eviction, restart) is simply started again, which makes its pages misses.

Changes that happen by the clock alone (a mourning period starts or ends, an item's expiry
time passes) are handled by `valid_until`: no page rendered now is kept past the next such moment.
"""

import uuid

from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

GLOBAL_KEY = "pagecache:v:global"
HOST_KEY = "pagecache:v:host:{}"
ADDRESS_KEY = "pagecache:v:address:{}{}"
SCHEDULE_KEY = "pagecache:next-change"


def hostname(host):
    """The host name without its port: versions do not depend on how the port was written."""
    return host.split(":", 1)[0].lower()


def keys(host, path):
    """The version keys of one address (host name and path without query string)."""
    return [GLOBAL_KEY, HOST_KEY.format(hostname(host)), ADDRESS_KEY.format(hostname(host), path)]


def current(version_keys, found):
    """The versions of `version_keys` from `found` (a get_many result), starting any that are missing."""
    missing = [key for key in version_keys if found.get(key) is None]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        found = {**found, **cache.get_many(missing)}
    return tuple(found.get(key) for key in version_keys)


def _renew(version_keys):
    cache.set_many({key: uuid.uuid4().hex for key in version_keys}, None)
    cache.delete(SCHEDULE_KEY)


def purge_addresses(addresses):
    """New versions for these (host, path) pairs: their pages, with any query string, are misses."""
    _renew([ADDRESS_KEY.format(hostname(host), path) for host, path in addresses])


def purge_host(host):
    _renew([HOST_KEY.format(hostname(host))])


def purge_everything():
    _renew([GLOBAL_KEY])


def _next_scheduled_change(now):
    from wagtail.models import Page

    from base.models import MourningPeriod

    mourning = MourningPeriod.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    expiry = Page.objects.live().filter(expire_at__gt=now).aggregate(at=Min("expire_at"))["at"]
    moments = [moment for moment in (mourning["start"], mourning["end"], expiry) if moment]
    return min(moments).timestamp() if moments else float("inf")


def valid_until(max_age):
    """Epoch time until which a page rendered now may be served from a cache.

    The next scheduled moment is kept in the cache for at most `max_age` and dropped by every
    purge (a publication may bring an item that expires sooner).
    """
    now = timezone.now()
    next_change = cache.get(SCHEDULE_KEY)
    if next_change is None or next_change <= now.timestamp():
        next_change = _next_scheduled_change(now)
        cache.set(SCHEDULE_KEY, next_change, max_age)
    return min(now.timestamp() + max_age, next_change)
