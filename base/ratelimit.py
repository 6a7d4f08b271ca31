"""Per-address limits (interaction submissions and lookups, public search), counted in Django's
cache alias "default".

The count is kept with `cache.add` (start a window) and `cache.incr` (count within it); both
are atomic on Redis and Memcached, so the limit is exact across every gunicorn worker that
shares such a cache. A process-local cache (locmem) counts per worker; the deploy check
`interaction.W001` warns about caches that are not shared or whose increments are not atomic.

The address is the visitor's as base/client.py finds it (behind TRUSTED_PROXY_COUNT proxies).
"""

from django.core.cache import cache

from base.client import client_address


def allow(request, scope, rate):
    """Count one attempt; False when the address has used up its window. `rate`: (limit, seconds)."""
    limit, window = rate
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, window):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window expired between add and incr: this attempt opens the next one
        cache.add(key, 1, window)
        return limit >= 1
