"""Purges sent to the reverse-proxy caches (Varnish, `scripts/services/varnish.sh`).

Wagtail's frontend cache backends do the sending: `WAGTAILFRONTENDCACHE` (from `PROXY_CACHE_URLS`)
names one `VarnishBackend` per proxy. Addresses are purged with Wagtail's `PURGE` requests, which
the project's VCL (`scripts/services/varnish/portal.vcl`) applies to every query string of the
path; whole hosts and everything with `BAN`, which Wagtail's HTTP backend has no call for.
Sent synchronously after commit, so an approval shows through the proxy at once; a proxy that is
down only logs (its cache starts empty again, and s-maxage bounds what it keeps).
"""

import logging
from urllib.error import URLError
from urllib.parse import quote
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("pagecache")


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge backend plus BAN of a whole host or of everything."""

    def ban(self, host=None):
        request = Request(
            f"{self.cache_scheme}://{self.cache_netloc}/",
            method="BAN",
            headers={"Host": host or "*", "X-Ban-Scope": "host" if host else "all"},
        )
        try:
            urlopen(request, timeout=5).close()
        except (URLError, OSError) as error:
            logger.error("pagecache: BAN %s at %s failed: %s", host or "everything", self.cache_netloc, error)


def purge_addresses(addresses):
    # Percent-encoded as browsers send them (and Varnish stores them): slugs may be Chinese.
    urls = [f"http://{host}{quote(path)}" for host, path in addresses]
    for backend in get_backends().values():
        backend.purge_batch(urls)


def purge_hosts(hosts):
    for backend in get_backends().values():
        for host in hosts:
            backend.ban(host)


def purge_everything():
    for backend in get_backends().values():
        backend.ban()
