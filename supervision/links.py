"""The link checker: internal links, attachments, images and external links of every live page.

Internal links are requested in-process on the site's own host; external links over HTTP with
the national 15-second limit, never to an internal address (supervision.fetch: such links are
stored as not checked, not as broken). Each URL is checked once per run.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from base.text import attached_files
from subsites.tree import UnitPaths

from .fetch import FetchError, InternalAddress, fetch
from .models import LinkCheckRun, LinkKind, LinkProblem
from .rules.base import Profile, setting

TAG_RE = re.compile(r"<(a|embed)\b([^>]*)>", re.I)
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "#")


def _is_internal(host):
    domain = settings.PORTAL_DOMAIN
    return not host or host == domain or host.endswith("." + domain)


class LinkChecker:
    """One run over the live pages (optionally below `root`), storing a LinkProblem per broken link."""

    def __init__(self, root=None):
        self.root = root
        self.client = Client(raise_request_exception=False)
        self.timeout = setting(Profile.NATIONAL, "link_timeout_seconds")
        self.cache = {}
        self.not_checked = set()
        self.Image, self.Document = get_image_model(), get_document_model()
        self.unit_paths = UnitPaths()

    def run(self):
        run = LinkCheckRun.objects.create(started_at=timezone.now())
        pages = Page.objects.live()
        if self.root is not None:
            pages = pages.descendant_of(self.root, inclusive=True)
        problems = []
        for page in pages.specific().iterator(chunk_size=500):
            run.pages += 1
            host = self._host(page)
            for kind, target, problem in self.check_page(page, host):
                problems.append(
                    LinkProblem(
                        run=run,
                        unit_id=self.unit_paths.unit_id_for_path(page.path),
                        page_id=page.pk,
                        url=target[:500],
                        kind=kind,
                        problem=problem[:300],
                        checked=target not in self.not_checked,
                    )
                )
        LinkProblem.objects.bulk_create(problems)
        run.links = len(self.cache)
        run.finished_at = timezone.now()
        run.save()
        return run

    def _host(self, page):
        site = page.get_site()
        return site.hostname if site else settings.PORTAL_DOMAIN

    def check_page(self, page, host):
        """(kind, url, problem) of each broken reference of one page."""
        for html in self._texts(page):
            for tag, attributes in TAG_RE.findall(html):
                attrs = dict(ATTR_RE.findall(attributes))
                checked = self._check_tag(tag.lower(), attrs, host)
                if checked and checked[2]:
                    yield checked
        for kind, instance_id in self._file_references(page):
            checked = self._check_file(kind, instance_id)
            if checked[2]:
                yield checked

    def _texts(self, page):
        for field in page._meta.concrete_fields:
            if isinstance(field, (models.TextField, models.CharField)):
                value = getattr(page, field.attname) or ""
                if "<" in value:
                    yield value

    def _file_references(self, page):
        """(kind, id) of images and documents referenced by the page's own and inline (orderable) fields."""
        for model, target in attached_files(page):
            if model is self.Image:
                yield LinkKind.IMAGE, target
            elif model is self.Document:
                yield LinkKind.ATTACHMENT, target

    def _check_tag(self, tag, attrs, host):
        if tag == "embed" and attrs.get("embedtype") == "image":
            return self._check_file(LinkKind.IMAGE, attrs.get("id"))
        if tag != "a":
            return None
        if attrs.get("linktype") == "page":
            return self._check_page_link(attrs.get("id"))
        if attrs.get("linktype") == "document":
            return self._check_file(LinkKind.ATTACHMENT, attrs.get("id"))
        href = attrs.get("href", "").strip()
        if not href or href.startswith(SKIPPED_SCHEMES):
            return None
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "") and _is_internal(parts.hostname):
            return LinkKind.INTERNAL, href, self._memo(("internal", host, href), lambda: self._internal(href, host))
        if parts.scheme in ("http", "https"):
            return LinkKind.EXTERNAL, href, self._memo(("external", href), lambda: self._external(href))
        return None

    def _memo(self, key, check):
        if key not in self.cache:
            self.cache[key] = check()
        return self.cache[key]

    def _check_page_link(self, page_id):
        ok = bool(page_id) and Page.objects.filter(pk=page_id, live=True).exists()
        return LinkKind.INTERNAL, f"page:{page_id}", "" if ok else _("the linked page does not exist or is not live")

    def _check_file(self, kind, instance_id):
        model = self.Image if kind == LinkKind.IMAGE else self.Document
        label = f"{kind}:{instance_id}"

        def check():
            instance = model.objects.filter(pk=instance_id).first() if instance_id else None
            if instance is None:
                return _("it has been deleted")
            if not instance.file.storage.exists(instance.file.name):
                return _("its file is missing")
            return ""

        return kind, label, self._memo(label, check)

    def _internal(self, href, host):
        parts = urlsplit(href)
        path = parts.path or "/"
        response = self.client.get(path, {}, HTTP_HOST=parts.hostname or host, secure=parts.scheme == "https")
        return "" if response.status_code < 400 else _("HTTP status %(status)d") % {"status": response.status_code}

    def _external(self, url):
        for method in ("HEAD", "GET"):
            try:
                status = fetch(url, method, self.timeout)
            except InternalAddress:
                self.not_checked.add(url)
                return _("not checked (internal address)")
            except FetchError as error:
                return str(error)
            if status < 400:
                return ""
            if method == "GET" or status not in (403, 405, 501):
                return _("HTTP status %(status)d") % {"status": status}


def summary(run):
    """The one-line result of a run for the management commands (each says it is the link check)."""
    text = _("%(pages)d pages, %(problems)d broken links.") % {
        "pages": run.pages,
        "problems": run.problems.filter(checked=True).count(),
    }
    not_checked = run.problems.filter(checked=False).count()
    if not_checked:
        text += " " + _("%(count)d links not checked (internal address).") % {"count": not_checked}
    return text
