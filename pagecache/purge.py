"""Purging cached pages: Django's page cache now and again on commit, the reverse proxy on commit.

The first purge makes readers inside this transaction's lifetime miss; the second drops what
concurrent requests rendered from the old data while the transaction was still open (they hold
the versions from before it). The proxy hears only after commit, so it never refetches the old
data; a response whose versions changed while it rendered is not offered to it at all
(`middleware.py`).
"""

import logging

from django.db import transaction

from . import proxy, versions

logger = logging.getLogger("pagecache")


def _now_and_on_commit(purge_cache, purge_proxy):
    purge_cache()

    def after_commit():
        purge_cache()
        purge_proxy()

    # robust: a proxy that cannot be reached (or anything else going wrong here) is logged and
    # never fails the request whose transaction has already committed.
    transaction.on_commit(after_commit, robust=True)


def addresses(found, reason):
    """Purge these (host, path) addresses (every query string of each)."""
    if not found:
        return
    found = sorted(found)
    logger.info(
        "pagecache: %s purges %d addresses: %s", reason, len(found), " ".join(host + path for host, path in found)
    )
    _now_and_on_commit(lambda: versions.purge_addresses(found), lambda: proxy.purge_addresses(found))


def hosts(names, reason):
    """Purge every page of these hosts."""
    names = sorted(set(names))
    logger.info("pagecache: %s purges hosts %s", reason, " ".join(names))
    _now_and_on_commit(lambda: [versions.purge_host(name) for name in names], lambda: proxy.purge_hosts(names))


def everything(reason):
    logger.info("pagecache: %s purges every page", reason)
    _now_and_on_commit(versions.purge_everything, proxy.purge_everything)
