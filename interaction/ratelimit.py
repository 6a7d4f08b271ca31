"""Per-address limits on submissions and lookups, counted in Django's cache.

The address is REMOTE_ADDR: behind a reverse proxy, the proxy must set it to the
client's address (e.g. gunicorn's --forwarded-allow-ips); X-Forwarded-For is not trusted.
"""
from django.conf import settings
from django.core.cache import cache


def allow(request, scope):
    """Count one attempt; False when the address has used up its window."""
    limit, window = settings.INTERACTION_RATE_LIMIT
    key = f"interaction:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit
