"""The visitor's network address, the same for rate limits, login throttling and stored cases.

Without a reverse proxy it is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies that each append
the address they saw to X-Forwarded-For, it is that header's entry added by the outermost trusted
proxy; entries further left were written by the visitor and are never believed.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= proxies:
            try:
                return str(ipaddress.ip_address(forwarded[-proxies]))
            except ValueError:
                pass
    return remote
