"""The unit workflow (审签, then 主要领导审核 when marked), created per unit by the subsite template."""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .models import LeaderApprovalTask, UnitReviewTask

# The portal's own sign-off groups (migration 0004 creates them with the portal's workflow), by the unit
# role whose page permissions they hold on the portal's columns (home.provisioning).
PORTAL_GROUPS = {"reviewer": "门户网站管理中心", "leader": "县政府办公室主要领导"}


def ensure_unit_workflow(unit):
    """The unit's 审签 workflow (review, then leader when marked) assigned to its subtree."""
    # Names are data shown to every user (in Chinese, like the generated column titles).
    name = f"{unit.name}审签流程"
    workflow = Workflow.objects.filter(workflow_pages__page=unit.home_page).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        WorkflowPage.objects.create(workflow=workflow, page=unit.home_page)
    review = _task(UnitReviewTask, f"{unit.short_name}审签", unit.reviewer_group)
    leader = _task(LeaderApprovalTask, f"{unit.short_name}主要领导审核", unit.leader_group)
    for order, task in enumerate((review, leader)):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def _task(model, name, group):
    task = model.objects.filter(groups=group).first()
    if task is None:
        task = model.objects.create(name=name)
        task.groups.set([group])
    return task


def withdraw_unit_workflow(unit):
    """Deactivate the tasks of a withdrawn unit's workflow (Wagtail keeps their history)."""
    for model in (UnitReviewTask, LeaderApprovalTask):
        for task in model.objects.filter(groups__in=unit.unit_groups()):
            task.deactivate()
    Workflow.objects.filter(workflow_pages__page=unit.home_page).update(active=False)
