"""Serves public Wagtail pages to anonymous visitors from Django's cache, and lets a proxy keep them.

Placed right after the security, CSP and static-file middleware: a hit skips sessions,
authentication and the page tree entirely. Only plain GET requests without a session cookie
are looked up (editors and reviewers always carry one), and only what Wagtail's page view
answered with 200 and no cookie is stored, so pages with forms (CSRF token), password-protected
pages and previews are never shared. Variants: scheme, host, path with query string, and the
长者模式 cookie. The `X-Cache` header says HIT or MISS.

Such a page is sent with `Cache-Control: max-age=0, s-maxage=<seconds it stays valid>`: browsers
ask again every time, a shared cache (the reverse proxy) may keep it until the next scheduled
change at most, and is purged on publication (`purge.py`). Everything else keeps Django's
headers, which no proxy stores (the project's VCL stores nothing without s-maxage).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from base.context_processors import ELDER_MODE_COOKIE

from . import versions

UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def page_key(request):
    elder = request.COOKIES.get(ELDER_MODE_COOKIE) == "1"
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|elder={int(elder)}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def is_lookup_candidate(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_storable(request, response):
    match = request.resolver_match
    cache_control = response.get("Cache-Control", "")
    return (
        match is not None
        and match.url_name == "wagtail_serve"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


def shared_cache_headers(response, expires):
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, max_age=0, s_maxage=max(0, int(expires - time.time())))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_lookup_candidate(request):
            return self.get_response(request)
        key = page_key(request)
        version_keys = versions.keys(request.get_host(), request.path)
        found = cache.get_many([*version_keys, key])
        entry = found.get(key)
        valid = entry is not None and entry[0] == tuple(found.get(k) for k in version_keys)
        if valid and time.time() < entry[1]:
            _versions, expires, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            shared_cache_headers(response, expires)
            response["X-Cache"] = "HIT"
            return response
        current = versions.current(version_keys, found)
        response = self.get_response(request)
        if is_storable(request, response):
            if versions.current(version_keys, cache.get_many(version_keys)) != current:
                # Purged while rendering: the content may predate the change; keep no copy anywhere.
                patch_cache_control(response, max_age=0)
                return response
            expires = versions.valid_until(settings.PAGE_CACHE_SECONDS)
            shared_cache_headers(response, expires)
            entry = (current, expires, response.status_code, dict(response.items()), response.content)
            cache.set(key, entry, int(expires - time.time()) + 1)
            response["X-Cache"] = "MISS"
        return response
