"""Approving is the obvious action: 审核通过/签发 is the editor's main button for a page's approvers,
退回修改 comes next, and each action — in the editor or from the dashboard — ends with a message saying
where the item now is."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import TaskState

from moderation.models import LeaderApprovalTask

# Order of the editor's action menu for an approver: the first becomes the main button.
APPROVER_ORDER = {"approve": 0, "reject": 1}
LAST = "action-cancel-workflow"


def order_for_approver(menu_items):
    """The workflow's approve action first (the main button), return-for-changes next, cancel last."""
    if not any(getattr(item, "name", None) == "approve" for item in menu_items):
        return
    menu_items.sort(key=lambda item: (APPROVER_ORDER.get(item.name, 2), item.name == LAST))


def outcome_message(page):
    """What happened to the item after a workflow action (None when nothing did)."""
    page.refresh_from_db()
    state = page.workflow_states.order_by("-created_at").first()
    if state is None:
        return None
    if state.status == state.STATUS_NEEDS_CHANGES:
        return _("Returned for changes.")
    if state.status == state.STATUS_IN_PROGRESS and isinstance(
        state.current_task_state.task.specific, LeaderApprovalTask
    ):
        return _("Signed off; waiting for the main leader's approval.")
    if state.status == state.STATUS_APPROVED and page.live:
        return _("Approved and published.")
    return None


def replace_saved_message(request, page):
    """After an approver's action in the editor, the outcome replaces Wagtail's "页面已被更新"."""
    message = outcome_message(page)
    if message is None:
        return
    list(messages.get_messages(request))  # consumes (drops) the queued generic message
    messages.success(request, message)


class AnnouncingWorkflowAction(WorkflowAction):
    """Wagtail's workflow action view (the dashboard's and the listings' 审核通过/退回修改), which says
    nothing after the action: the outcome is announced like in the editor. Mounted in config/urls.py
    in place of Wagtail's view of the same URL (Wagtail has no hook after a workflow action)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if TaskState.objects.filter(pk=self.task_state.pk).exclude(status=TaskState.STATUS_IN_PROGRESS).exists():
            message = outcome_message(self.object)
            if message is not None:
                messages.success(request, f"{self.object.get_admin_display_title()}：{message}")
        return response
