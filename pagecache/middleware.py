"""Serves public Wagtail pages to anonymous visitors from Django's cache.

Placed right after the security, CSP and static-file middleware: a hit skips sessions,
authentication and the page tree entirely. Only plain GET requests without a session cookie
are looked up (editors and reviewers always carry one), and only what Wagtail's page view
answered with 200 and no cookie is stored, so pages with forms (CSRF token), password-protected
pages and previews are never shared. Variants: scheme, host, path with query string, and the
长者模式 cookie. The `X-Cache` header says HIT or MISS.
"""
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from base.context_processors import ELDER_MODE_COOKIE

from . import generation

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


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_lookup_candidate(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([generation.GENERATION_KEY, key])
        current, entry = found.get(generation.GENERATION_KEY) or generation.current(), found.get(key)
        if entry is not None and entry[0] == current and time.time() < entry[1]:
            _generation, _expires, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if is_storable(request, response):
            patch_vary_headers(response, ["Cookie"])
            # Browsers ask again every time, so nobody keeps a copy from before a publication.
            patch_cache_control(response, max_age=0)
            expires = generation.valid_until(current, settings.PAGE_CACHE_SECONDS)
            entry = (current, expires, response.status_code, dict(response.items()), response.content)
            cache.set(key, entry, int(expires - time.time()) + 1)
            response["X-Cache"] = "MISS"
        return response
