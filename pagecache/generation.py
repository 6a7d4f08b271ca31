"""The site-wide generation of cached pages, and the next moment a cached page may go out of date.

A cached page is served only while it belongs to the current generation. Every change that can
alter what any public page shows starts a new generation (`bump`), so no reader sees a page from
before a publication. Changes that happen by the clock alone (a mourning period starts or ends,
an item's expiry time passes) are handled by `valid_until`: no page rendered now is kept past
the next such moment.
"""
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

GENERATION_KEY = "pagecache:generation"
SCHEDULE_KEY = "pagecache:next-change:{}"


def current():
    """The generation in force, starting one if the cache holds none (first use, eviction, restart)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _start_new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def bump():
    """Invalidate every cached page now, and again when the current transaction commits.

    The second bump drops pages that concurrent requests rendered from the old data while the
    transaction was still open.
    """
    _start_new_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_start_new_generation)


def _next_scheduled_change(now):
    from wagtail.models import Page

    from base.models import MourningPeriod

    mourning = MourningPeriod.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    expiry = Page.objects.live().filter(expire_at__gt=now).aggregate(at=Min("expire_at"))["at"]
    moments = [moment for moment in (mourning["start"], mourning["end"], expiry) if moment]
    return min(moments).timestamp() if moments else float("inf")


def valid_until(generation, max_age):
    """Epoch time until which a page rendered now in `generation` may be served from the cache."""
    now = timezone.now()
    key = SCHEDULE_KEY.format(generation)
    next_change = cache.get(key)
    if next_change is None or next_change <= now.timestamp():
        next_change = _next_scheduled_change(now)
        cache.set(key, next_change, max_age)
    return min(now.timestamp() + max_age, next_change)
