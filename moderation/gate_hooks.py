"""The publication gate on every path (`base.publication`), and files that follow their page.

`check_publication` guards `PortalPage.publish` and `check_revision` its `save_revision` (marks);
the admin's edit/create views, the copy view and bulk publishing reach the public without it and
are guarded here; documents are served only as `moderation.files` allows.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from base.publication import PublicationBlocked

from . import gate
from .files import may_download
from .marks import refuse_clearing

hooks.register("check_publication", gate.check_publication)
hooks.register("check_revision", refuse_clearing)


def posted_flag(request, name):
    """A posted checkbox as the admin's forms read it ("False" and "0" are false)."""
    return forms.BooleanField(required=False).to_python(request.POST.get(name))


def refuse_blocked(request, pages, back_url):
    """None when every (page, revision) passes the gate, else a redirect to `back_url` with the findings."""
    refused = []
    for page, revision in pages:
        try:
            gate.check_publication(page, revision, request.user)
        except PublicationBlocked as blocked:
            refused.append(_("“%(title)s”: %(reasons)s") % {"title": page.title, "reasons": " ".join(blocked.messages)})
    if not refused:
        return None
    messages.error(
        request,
        _(
            "Publication blocked. %(pages)s The portal administrator may record an "
            "override with its reason and publish again."
        )
        % {"pages": " ".join(refused)},
    )
    return redirect(back_url)


@hooks.register("before_publish_page")
def gate_editor_publication(request, page):
    """The edit and create views publish without `Page.publish`; the saved draft stays as written."""
    return refuse_blocked(
        request, [(page, page.get_latest_revision())], reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


@hooks.register("before_copy_page")
def gate_published_copies(request, page):
    """A copy kept live goes public without `Page.publish`: its source (and live subpages) must pass."""
    if request.method != "POST" or not posted_flag(request, "publish_copies") or posted_flag(request, "alias"):
        return None
    pages = [page.specific]
    if posted_flag(request, "copy_subpages"):
        pages += list(page.get_descendants().live().specific())
    return refuse_blocked(request, [(p, None) for p in pages], reverse("wagtailadmin_pages:copy", args=[page.pk]))


@hooks.register("before_bulk_action")
def gate_bulk_publication(request, action_type, objects, action_class_instance):
    """Refuse the whole bulk publish when any page (or draft subpage to be included) fails the gate."""
    if action_type != "publish" or action_class_instance.model is not Page:
        return None
    pages = list(objects)
    if posted_flag(request, "include_descendants"):
        for page in objects:
            pages += list(page.get_descendants().not_live())
    checked = [(page.specific, page.get_latest_revision()) for page in pages]
    return refuse_blocked(request, checked, request.GET.get("next") or reverse("wagtailadmin_explore_root"))


@hooks.register("before_serve_document")
def serve_documents_of_live_pages_only(document, request):
    """A draft's attachment is not public until the page is approved, and again not once it is withdrawn."""
    if not may_download(request.user, document):
        raise Http404
