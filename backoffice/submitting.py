"""Submitting says where the item goes: the editor's 提交 action opens a dialog naming the steps the item
will pass — the unit's 审签 only, or 审签 then 主要领导审核 when a sensitivity mark is ticked — and the
confirm button in it submits."""

import json

from wagtail.admin.action_menu import SubmitForModerationMenuItem

from moderation.models import LeaderApprovalTask, SensitivityMark


def workflow_steps(workflow):
    """(steps without a sensitivity mark, steps with one): the names of the workflow's active tasks;
    the main leader's task runs only for a marked item."""
    tasks = [task.specific for task in workflow.tasks.filter(active=True)] if workflow else []
    return [task.name for task in tasks if not isinstance(task, LeaderApprovalTask)], [task.name for task in tasks]


class SubmitWithStepsMenuItem(SubmitForModerationMenuItem):
    template_name = "backoffice/submit_menu_item.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow = (page if page and page.pk else context["parent_page"]).get_workflow()
        context["unmarked_steps"], context["marked_steps"] = workflow_steps(workflow)
        # w-rules shows one list or the other as the marks are ticked (Wagtail's own form-rules controller).
        context["unmarked_rule"] = json.dumps({"sensitivity": []})
        context["marked_rule"] = json.dumps({"sensitivity": list(SensitivityMark.values)})
        return context


def with_steps(menu_items):
    """Wagtail's submit action replaced by the one that shows the steps first."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitWithStepsMenuItem(order=item.order)
