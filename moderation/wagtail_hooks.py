"""Admin integration of moderation: log actions, the term dictionary, the audit report, corrections,
overrides and requests to take items offline; the publication gate's hooks are in `gate_hooks`."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem
from wagtail.admin.widgets import PageListingButton
from wagtail.snippets.models import register_snippet

from base.snippets import PortalSnippetViewSet

from . import (
    gate_hooks,  # noqa: F401  (registers the gate's hooks)
    response_hooks,  # noqa: F401  (registers the 回应关切 emergency route)
)
from .forms import CENTRE_FIELD_CHANGE
from .models import SensitiveTerm
from .policy_links import PolicyLinksView, approved_units
from .unpublishing import may_decide, may_request
from .views import (
    CorrectPublicationTimeView,
    DecideUnpublicationView,
    PublicationOverrideView,
    RequestUnpublicationView,
    UnitAuditReportView,
    pending_request,
)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action("moderation.permission_change", _("Change permission"), _("Permission changed"))
    actions.register_action("moderation.membership_change", _("Change group membership"), _("Group membership changed"))
    actions.register_action(
        "moderation.policy_link_accepted",
        _("Accept another unit's interpretation"),
        _("Another unit's interpretation accepted"),
    )
    actions.register_action(
        "moderation.policy_link_withdrawn",
        _("Withdraw acceptance of an interpretation"),
        _("Acceptance of another unit's interpretation withdrawn"),
    )
    actions.register_action(
        "moderation.correct_publication_time",
        _("Correct first publication time"),
        _("First publication time corrected"),
    )
    actions.register_action(
        "moderation.publication_override",
        _("Publish despite failed checks"),
        _("Published despite failed checks (override with reason)"),
    )
    actions.register_action(
        CENTRE_FIELD_CHANGE,
        _("Change a column's classification"),
        _("Column type, freshness class or syndication changed"),
    )
    actions.register_action(
        "moderation.unpublish_requested", _("Request to take offline"), _("Taking offline requested")
    )
    actions.register_action("moderation.unpublish_approved", _("Approve taking offline"), _("Taking offline approved"))
    actions.register_action("moderation.unpublish_rejected", _("Reject taking offline"), _("Taking offline rejected"))
    actions.register_action(
        "moderation.publication_blocked", _("Publication blocked"), _("Publication blocked by the checks")
    )


class SensitiveTermViewSet(PortalSnippetViewSet):
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
        path("reports/audit/results/", UnitAuditReportView.as_view(results_only=True), name="moderation_audit_results"),
        path(
            "pages/<int:page_id>/request-unpublication/",
            RequestUnpublicationView.as_view(),
            name="moderation_request_unpublication",
        ),
        path(
            "pages/<int:page_id>/decide-unpublication/",
            DecideUnpublicationView.as_view(),
            name="moderation_decide_unpublication",
        ),
        path(
            "pages/<int:page_id>/publication-override/",
            PublicationOverrideView.as_view(),
            name="moderation_publication_override",
        ),
        path("policy-links/", PolicyLinksView.as_view(), name="moderation_policy_links"),
        path(
            "pages/<int:page_id>/correct-publication-time/",
            CorrectPublicationTimeView.as_view(),
            name="moderation_correct_publication_time",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_report_menu_item():
    return AdminOnlyMenuItem(_("Audit log by unit"), reverse("moderation_audit"), icon_name="history", order=700)


class PolicyLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return approved_units(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_policy_links_menu_item():
    return PolicyLinksMenuItem(
        _("Other units' interpretations"), reverse("moderation_policy_links"), icon_name="link", order=710
    )


@hooks.register("register_page_header_buttons")
def correct_publication_time_button(page, user, view_name, next_url=None):
    if user.is_superuser and page.first_published_at:
        yield PageListingButton(
            _("Correct first publication time"),
            reverse("moderation_correct_publication_time", args=[page.pk]),
            icon_name="time",
            priority=90,
        )


@hooks.register("register_page_header_buttons")
def publication_override_button(page, user, view_name, next_url=None):
    if user.is_superuser:
        yield PageListingButton(
            _("Record an override of the checks"),
            reverse("moderation_publication_override", args=[page.pk]),
            icon_name="warning",
            priority=95,
        )


@hooks.register("register_page_header_buttons")
def unpublication_buttons(page, user, view_name, next_url=None):
    pending = pending_request(page)
    if pending is None and may_request(user, page):
        yield PageListingButton(
            _("Request to take offline"),
            reverse("moderation_request_unpublication", args=[page.pk]),
            icon_name="download",
            priority=80,
        )
    elif pending is not None and may_decide(user, pending):
        yield PageListingButton(
            _("Sign off taking offline"),
            reverse("moderation_decide_unpublication", args=[page.pk]),
            icon_name="download",
            priority=80,
        )
