"""What waits for a reviewer or leader (待我处理): items at their approval step, case replies awaiting
their approval and their units' overdue cases, counted for the dashboard."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from interaction.models import Deadline, DeadlineState, Status
from interaction.scoping import cases_for, is_reviewer
from moderation.models import LeaderApprovalTask, UnitReviewTask


def is_approver(user):
    """A reviewer or leader of some unit (a member of an approval task's group), or the administrator."""
    return user.is_superuser or any(
        model.objects.filter(active=True, groups__user=user).exists() for model in (UnitReviewTask, LeaderApprovalTask)
    )


def waiting_for(user):
    """[(label, count, url)] of what waits for `user`: approvals, replies to approve, overdue cases."""
    items = TaskState.objects.reviewable_by(user).count()
    replies = sum(
        1 for case in cases_for(user).filter(status=Status.REVIEW).select_related("unit") if is_reviewer(user, case)
    )
    overdue = (
        Deadline.objects.filter(case__in=cases_for(user), state=DeadlineState.OPEN, due_at__lt=timezone.now())
        .values("case")
        .distinct()
        .count()
    )
    cases = reverse("interaction_case:index")
    return [
        (_("Items awaiting your approval"), items, "#awaiting-review-section"),
        (_("Case replies awaiting your approval"), replies, f"{cases}?status={Status.REVIEW}"),
        (_("Overdue cases"), overdue, reverse("interaction_case:monitor")),
    ]
