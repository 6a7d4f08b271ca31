"""The portal's own 审签 workflow, in place of Wagtail's "Moderators approval" (removed by backoffice
0001): pages of the county portal (通报, portal notices) are signed off by the portal centre's group
门户网站管理中心, then, when marked sensitive, by the county office's main leader (group
县政府办公室主要领导), like every unit's items (moderation/workflow.py for the units). The portal
administrator adds their members in 设置 → 用户组."""
from django.db import migrations

WORKFLOW = "县政府门户网站审签流程"
REVIEW = "门户网站管理中心审签"
LEADER = "县政府办公室主要领导审核"
REVIEW_GROUP = "门户网站管理中心"
LEADER_GROUP = "县政府办公室主要领导"


def _task(apps, model_name, name, group):
    model = apps.get_model("moderation", model_name)
    task = model.objects.filter(name=name).first()
    if task is None:
        content_type, _created = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="moderation", model=model_name.lower())
        task = model.objects.create(name=name, content_type=content_type, active=True)
        task.groups.set([group])
    return task


def add_portal_workflow(apps, schema_editor):
    site = apps.get_model("wagtailcore", "Site").objects.filter(is_default_site=True).first()
    if site is None:
        return
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    if Workflow.objects.filter(workflow_pages__page_id=site.root_page_id).exists():
        return
    centre, _created = Group.objects.get_or_create(name=REVIEW_GROUP)
    leaders, _created = Group.objects.get_or_create(name=LEADER_GROUP)
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    apps.get_model("wagtailcore", "WorkflowPage").objects.create(workflow=workflow, page_id=site.root_page_id)
    for order, task in enumerate((_task(apps, "UnitReviewTask", REVIEW, centre),
                                  _task(apps, "LeaderApprovalTask", LEADER, leaders))):
        apps.get_model("wagtailcore", "WorkflowTask").objects.create(workflow=workflow, task_id=task.pk,
                                                                     sort_order=order)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_unpublish_request"),
        ("backoffice", "0001_remove_wagtail_default_groups"),
        ("home", "0002_create_portal_home"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_portal_workflow, migrations.RunPython.noop)]
