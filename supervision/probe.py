"""Availability probe: fetch each site's home page over HTTP; not loaded within the limit = failure.

Requests go through supervision.fetch: a site whose address is internal (and not listed in
SUPERVISION_ALLOWED_PRIVATE_HOSTS) is not probed and stores no result."""

import time

from django.utils import timezone

from .fetch import FetchError, InternalAddress, fetch
from .models import ProbeResult
from .rules import Profile, subjects
from .rules.base import setting


def site_url(subject, base_url):
    """The home page of a subject on `base_url` (scheme://host:port of the portal), on its own host."""
    scheme, _sep, rest = base_url.partition("://")
    host = subject.unit.host if subject.unit else rest.split("/")[0].split(":")[0]
    port = rest.split("/")[0].partition(":")[2]
    return f"{scheme}://{host}{':' + port if port else ''}/"


def probe(url, timeout):
    """(ok, status, elapsed ms, error) of one GET that must complete within `timeout` seconds.

    Raises InternalAddress if the URL (or a redirect) points to an internal address."""
    started = time.monotonic()
    try:
        status = fetch(url, "GET", timeout, read_body=True)
    except FetchError as error:
        return False, None, None, str(error)[:300]
    elapsed = time.monotonic() - started
    if status >= 400:
        return False, status, int(elapsed * 1000), f"HTTP {status}"
    ok = elapsed <= timeout
    return ok, status, int(elapsed * 1000), "" if ok else "timeout"


def probe_sites(base_url, units=None):
    """Probe every site once and store the results; returns (stored results, URLs not probed)."""
    timeout = setting(Profile.NATIONAL, "probe_timeout_seconds")
    results, not_probed = [], []
    for subject in subjects(units):
        url = site_url(subject, base_url)
        try:
            ok, status, elapsed, error = probe(url, timeout)
        except InternalAddress:
            not_probed.append(url)
            continue
        results.append(
            ProbeResult(
                unit=subject.unit,
                url=url,
                checked_at=timezone.now(),
                ok=ok,
                status_code=status,
                elapsed_ms=elapsed,
                error=error,
            )
        )
    return ProbeResult.objects.bulk_create(results), not_probed
