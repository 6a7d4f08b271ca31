"""Admin hooks of the 回应关切 emergency route: its log actions, views, menu item, the leader's
dashboard panel of statements waiting for approval afterwards, and the decision button."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import PageListingButton

from . import responses
from .response_views import DecideEmergencyPublicationView, EmergencyPublishView


@hooks.register("register_log_actions")
def register_emergency_log_actions(actions):
    actions.register_action(
        "moderation.emergency_publication", _("Emergency publication"), _("Published by the emergency route")
    )
    actions.register_action(
        "moderation.emergency_confirmed", _("Confirm an emergency publication"), _("Emergency publication confirmed")
    )
    actions.register_action(
        "moderation.emergency_withdrawn", _("Withdraw an emergency publication"), _("Emergency publication withdrawn")
    )


@hooks.register("register_admin_urls")
def register_emergency_urls():
    return [
        path("responses/publish/", EmergencyPublishView.as_view(), name="moderation_emergency_publish"),
        path(
            "pages/<int:page_id>/emergency-decision/",
            DecideEmergencyPublicationView.as_view(),
            name="moderation_emergency_decision",
        ),
    ]


class EmergencyPublishMenuItem(MenuItem):
    def is_shown(self, request):
        return responses.may_publish(request.user)


@hooks.register("register_admin_menu_item")
def register_emergency_publish_menu_item():
    return EmergencyPublishMenuItem(
        _("Publish a response to public concern"),
        reverse("moderation_emergency_publish"),
        icon_name="warning",
        order=150,
    )


class PendingEmergencyPanel(Component):
    name = "emergency_publications"
    order = 4
    template_name = "moderation/emergency_panel.html"

    def __init__(self, records):
        self.records = records

    def get_context_data(self, parent_context):
        return {"records": self.records}


@hooks.register("construct_homepage_panels")
def add_pending_emergency_panel(request, panels):
    records = list(responses.pending_for(request.user))
    if records:
        panels.append(PendingEmergencyPanel(records))


@hooks.register("register_page_header_buttons")
def emergency_decision_button(page, user, view_name, next_url=None):
    record = responses.pending_record(page)
    if record is not None and responses.may_decide(user, record):
        yield PageListingButton(
            _("Approve the emergency publication"),
            reverse("moderation_emergency_decision", args=[page.pk]),
            icon_name="warning",
            priority=80,
        )
