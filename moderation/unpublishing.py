"""Taking information offline is a unit's duty and goes through sign-off.

Any of the unit's staff may request that a live item of the unit go offline, with a reason; the
unit's reviewers (its main leader for an item marked sensitive) approve or reject it, never the
person who asked. Approval unpublishes the page; request and decision are in the audit log.
"""

from django.db import transaction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log

from .models import UnpublishRequest


def unit_of(page):
    """The unit owning `page` (None for the tree's root and the portal's own pages)."""
    get_unit = getattr(page.specific, "get_unit", None)
    return get_unit() if get_unit else None


def may_request(user, page):
    unit = unit_of(page) if page.live else None
    return unit is not None and user.groups.filter(pk__in=[g.pk for g in unit.unit_groups()]).exists()


def signing_group(page):
    """The group that signs off taking `page` offline: reviewers, or the main leader for a sensitive item."""
    unit = unit_of(page)
    return unit.leader_group if getattr(page.specific, "sensitivity_marks", []) else unit.reviewer_group


def may_decide(user, unpublish_request):
    if user.pk == unpublish_request.requested_by_id:
        return False
    return user.is_superuser or user.groups.filter(pk=signing_group(unpublish_request.page).pk).exists()


def request_unpublication(page, user, reason):
    entry = UnpublishRequest.objects.create(page=page, requested_by=user, reason=reason)
    log(instance=page.specific, action="moderation.unpublish_requested", user=user, data={"reason": reason})
    return entry


@transaction.atomic
def decide(unpublish_request, user, approve):
    """Record the decision; an approval unpublishes the page (the sign-off is the authority, as the
    workflow's is for publishing: unit staff hold no unpublish permission)."""
    Status = UnpublishRequest.Status
    page = unpublish_request.record_decision(
        user,
        Status.APPROVED if approve else Status.REJECTED,
        "moderation.unpublish_approved" if approve else "moderation.unpublish_rejected",
        requested_by=unpublish_request.requested_by.get_username() if unpublish_request.requested_by else "",
    )
    if approve and page.live:
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
