"""The emergency route for 回应关切: publish an authoritative statement at once, approve it afterwards.

Members of the portal centre's group 回应关切发布人 (and nobody else) publish a statement in the
portal's 回应关切 column in one step, with a reason. It still passes the publication gate
(`base.publication`); only the 审签 workflow is skipped, openly: the use is written to the audit log
with the reason and leaves a pending `EmergencyPublication`. The county office's main leader then
confirms it or withdraws the statement, never the person who published it; both are logged.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Site

from content.models import ColumnPage, ColumnType, ResponseStatementPage

from .models import EmergencyPublication
from .workflow import PORTAL_GROUPS

# The portal centre's group allowed to use the emergency route (created by migration 0006).
PUBLISHER_GROUP = "回应关切发布人"


def responses_column():
    """The portal's 回应关切 column, or None."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    return ColumnPage.objects.child_of(site.root_page).filter(column_type=ColumnType.RESPONSES).first()


def may_publish(user):
    return user.is_active and user.groups.filter(name=PUBLISHER_GROUP).exists()


def may_decide(user, record):
    if user.pk == record.published_by_id or record.status != EmergencyPublication.Status.PENDING:
        return False
    return user.is_active and user.groups.filter(name=PORTAL_GROUPS["leader"]).exists()


def pending_for(user):
    """The emergency publications `user` may confirm or withdraw, oldest first."""
    if not user.groups.filter(name=PORTAL_GROUPS["leader"]).exists():
        return EmergencyPublication.objects.none()
    return (
        EmergencyPublication.objects.filter(status=EmergencyPublication.Status.PENDING)
        .exclude(published_by=user)
        .select_related("page", "published_by")
        .order_by("published_at")
    )


def pending_record(page):
    return EmergencyPublication.objects.filter(page=page, status=EmergencyPublication.Status.PENDING).first()


@transaction.atomic
def publish_statement(column, user, reason, **fields):
    """Create the statement under `column` and publish it through the gate; raises PublicationBlocked
    (and nothing is kept) when a check fails."""
    page = ResponseStatementPage(live=False, **fields)
    column.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    log(instance=page, action="moderation.emergency_publication", user=user, revision=revision, data={"reason": reason})
    # The emergency route is the authority to publish, as a completed workflow is (moderation.finish).
    revision.publish(user=user, skip_permission_checks=True)
    return EmergencyPublication.objects.create(page=page, reason=reason, published_by=user)


@transaction.atomic
def decide(record, user, confirm, note=""):
    """The leader's approval afterwards: confirm the statement, or withdraw it from the public."""
    Status = EmergencyPublication.Status
    page = record.record_decision(
        user,
        Status.CONFIRMED if confirm else Status.WITHDRAWN,
        "moderation.emergency_confirmed" if confirm else "moderation.emergency_withdrawn",
        note=note,
        published_by=record.published_by.get_username() if record.published_by else "",
    )
    if not confirm:
        withdraw(page, user)


def withdraw(page, user):
    """Mark the statement withdrawn and take it offline (both purge the pages showing it)."""
    page.withdrawn_at = timezone.now()
    page.save(update_fields=["withdrawn_at"], clean=False)
    if page.live:
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
