"""The 互动交流 channels as an inspector finds them: from a site's home page, by following links.

The check requests pages in-process on the site's own host (like the link checker's internal
links), starting at "/", and follows links on that host breadth-first, at most MAX_PAGES pages and
MAX_DEPTH clicks deep, until every required entry (the four forms, tracking, published replies)
has been found as a link and answers 200. A model or column that exists but that no visitor can
reach by clicking counts as missing.
"""

import re
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from interaction.models import Kind

HREF_RE = re.compile(r"<a\b[^>]*\bhref=\"([^\"#]+)", re.I)
MAX_PAGES = 12
MAX_DEPTH = 2


def required_entries():
    """{path: label} of the entries a working consultation channel offers."""
    entries = {
        reverse("interaction:submit", args=[kind]): label for kind, label in Kind.choices if kind != Kind.LEADER_MAIL
    }  # the county's 领导信箱 is the portal's, not every site's
    entries[reverse("interaction:track")] = "track"
    entries[reverse("interaction:replies")] = "replies"
    return entries


def site_for(unit):
    return unit.site if unit is not None else Site.objects.filter(is_default_site=True).first()


def _host(site):
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def _same_host_path(href, base, hostname):
    url = urlsplit(urljoin(base, href.replace("&amp;", "&")))
    if url.scheme not in ("http", "https") or (url.hostname or "").lower() != hostname.lower():
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def reachable_entries(site):
    """(found, missing): the required entry paths reached by clicking from the site's home page."""
    required = required_entries()
    client = Client(raise_request_exception=False)
    host = _host(site)
    base = f"http://{host}/"
    found, seen, queue = set(), set(), [("/", 0)]
    while queue and len(seen) < MAX_PAGES and len(found) < len(required):
        path, depth = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, HTTP_HOST=host)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF_RE.findall(response.content.decode(errors="replace")):
            target = _same_host_path(href, urljoin(base, path), site.hostname)
            if target is None:
                continue
            if target in required and target not in found:
                if client.get(target, HTTP_HOST=host).status_code == 200:
                    found.add(target)
            elif depth + 1 <= MAX_DEPTH and target not in seen and not target.startswith("/interaction/"):
                queue.append((target, depth + 1))
    return found, [label for path, label in required.items() if path not in found]
