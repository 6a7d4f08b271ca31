"""Availability probe: fetch each site's home page over HTTP; not loaded within the limit = failure."""
import time
import urllib.error
import urllib.request

from django.utils import timezone

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
    """(ok, status, elapsed ms, error) of one GET that must complete within `timeout` seconds."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": "portal-probe"}),
                                    timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        return False, error.code, int((time.monotonic() - started) * 1000), f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return False, None, None, str(getattr(error, "reason", error))[:300]
    elapsed = time.monotonic() - started
    ok = elapsed <= timeout
    return ok, status, int(elapsed * 1000), "" if ok else "timeout"


def probe_sites(base_url, units=None):
    """Probe every site once and store the results; returns them."""
    timeout = setting(Profile.NATIONAL, "probe_timeout_seconds")
    results = []
    for subject in subjects(units):
        url = site_url(subject, base_url)
        ok, status, elapsed, error = probe(url, timeout)
        results.append(ProbeResult(unit=subject.unit, url=url, checked_at=timezone.now(), ok=ok,
                                   status_code=status, elapsed_ms=elapsed, error=error))
    return ProbeResult.objects.bulk_create(results)
