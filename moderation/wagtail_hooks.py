"""Admin integration of moderation: log actions, the term dictionary, the audit report, corrections,
and the publication gate on the admin's own publishing paths (edit/create, copy, bulk)."""
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.widgets import PageListingButton
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from base.publication import PublicationBlocked

from . import gate
from .files import may_download
from .models import SensitiveTerm
from .unpublishing import may_decide, may_request
from .views import (
    CorrectPublicationTimeView, DecideUnpublicationView, PublicationOverrideView, RequestUnpublicationView,
    UnitAuditReportView, pending_request,
)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action("moderation.permission_change", _("Change permission"), _("Permission changed"))
    actions.register_action("moderation.membership_change", _("Change group membership"),
                            _("Group membership changed"))
    actions.register_action("moderation.correct_publication_time", _("Correct first publication time"),
                            _("First publication time corrected"))
    actions.register_action("moderation.publication_override", _("Publish despite failed checks"),
                            _("Published despite failed checks (override with reason)"))
    actions.register_action("moderation.centre_field_change", _("Change a column's classification"),
                            _("Column type, freshness class or syndication changed"))
    actions.register_action("moderation.unpublish_requested", _("Request to take offline"),
                            _("Taking offline requested"))
    actions.register_action("moderation.unpublish_approved", _("Approve taking offline"),
                            _("Taking offline approved"))
    actions.register_action("moderation.unpublish_rejected", _("Reject taking offline"),
                            _("Taking offline rejected"))
    actions.register_action("moderation.publication_blocked", _("Publication blocked"),
                            _("Publication blocked by the checks"))


class SensitiveTermViewSet(SnippetViewSet):
    model = SensitiveTerm
    icon = "warning"
    menu_label = _("Sensitive terms")
    list_display = ["term", "kind", "correct_form", "note"]
    list_filter = ["kind"]
    search_fields = ["term", "correct_form"]


register_snippet(SensitiveTermViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("reports/audit/", UnitAuditReportView.as_view(), name="moderation_audit"),
        path("reports/audit/results/", UnitAuditReportView.as_view(results_only=True),
             name="moderation_audit_results"),
        path("pages/<int:page_id>/request-unpublication/", RequestUnpublicationView.as_view(),
             name="moderation_request_unpublication"),
        path("pages/<int:page_id>/decide-unpublication/", DecideUnpublicationView.as_view(),
             name="moderation_decide_unpublication"),
        path("pages/<int:page_id>/publication-override/", PublicationOverrideView.as_view(),
             name="moderation_publication_override"),
        path("pages/<int:page_id>/correct-publication-time/", CorrectPublicationTimeView.as_view(),
             name="moderation_correct_publication_time"),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_report_menu_item():
    return AdminOnlyMenuItem(_("Audit log by unit"), reverse("moderation_audit"), icon_name="history", order=700)


@hooks.register("register_page_header_buttons")
def correct_publication_time_button(page, user, view_name, next_url=None):
    if user.is_superuser and page.first_published_at:
        yield PageListingButton(
            _("Correct first publication time"),
            reverse("moderation_correct_publication_time", args=[page.pk]),
            icon_name="time", priority=90,
        )


@hooks.register("register_page_header_buttons")
def publication_override_button(page, user, view_name, next_url=None):
    if user.is_superuser:
        yield PageListingButton(
            _("Record an override of the checks"),
            reverse("moderation_publication_override", args=[page.pk]), icon_name="warning", priority=95,
        )


@hooks.register("register_page_header_buttons")
def unpublication_buttons(page, user, view_name, next_url=None):
    pending = pending_request(page)
    if pending is None and may_request(user, page):
        yield PageListingButton(_("Request to take offline"),
                                reverse("moderation_request_unpublication", args=[page.pk]),
                                icon_name="download", priority=80)
    elif pending is not None and may_decide(user, pending):
        yield PageListingButton(_("Sign off taking offline"),
                                reverse("moderation_decide_unpublication", args=[page.pk]),
                                icon_name="download", priority=80)


hooks.register("check_publication", gate.check_publication)


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
    messages.error(request, _("Publication blocked. %(pages)s The portal administrator may record an "
                              "override with its reason and publish again.") % {"pages": " ".join(refused)})
    return redirect(back_url)


@hooks.register("before_publish_page")
def gate_editor_publication(request, page):
    """The edit and create views publish without `Page.publish`; the saved draft stays as written."""
    return refuse_blocked(request, [(page, page.get_latest_revision())],
                          reverse("wagtailadmin_pages:edit", args=[page.pk]))


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
