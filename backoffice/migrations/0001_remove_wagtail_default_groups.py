"""Wagtail's initial data creates the groups "Moderators" (raw publish on the root) and "Editors" and
the workflow "Moderators approval": none of them belongs to the platform, whose units have their own
groups and workflow (home/provisioning.py). Removed, so nobody publishes around the 审签. The roots
of the page tree and of the collections, which the admin shows, are named in Chinese instead of "Root"."""
from django.db import migrations

WAGTAIL_GROUPS = ["Moderators", "Editors"]
WAGTAIL_WORKFLOW = "Moderators approval"
ROOT_TITLE = "全部站点"
ROOT_COLLECTION = "全部单位"


def remove_wagtail_defaults(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name=WAGTAIL_WORKFLOW).delete()
    Task.objects.filter(name=WAGTAIL_WORKFLOW, workflow_tasks__isnull=True).delete()
    Group.objects.filter(name__in=WAGTAIL_GROUPS).delete()
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=ROOT_TITLE, draft_title=ROOT_TITLE)
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)


class Migration(migrations.Migration):
    # After every Wagtail migration that gives these groups permissions.
    dependencies = [
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove_wagtail_defaults, migrations.RunPython.noop)]
