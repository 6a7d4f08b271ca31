"""The portal's sign-off groups were created by 0004 without permissions, so their members could not
sign in to the admin nor reach the items they approve: they get the admin access and, on each of the
portal's existing columns, the page permissions of a unit's reviewer and leader (new columns get them
from home.provisioning.grant_portal_groups)."""
from django.db import migrations

GROUP_PAGE_PERMISSIONS = {
    "门户网站管理中心": ["add_page", "change_page", "lock_page", "unlock_page"],
    "县政府办公室主要领导": ["change_page", "lock_page", "unlock_page"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    site = apps.get_model("wagtailcore", "Site").objects.filter(is_default_site=True).first()
    if site is None:
        return
    home = Page.objects.get(pk=site.root_page_id)
    columns = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1,
                                  content_type__app_label="content", content_type__model="columnpage")
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, codenames in GROUP_PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*access)
        for perm in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            for column in columns:
                apps.get_model("wagtailcore", "GroupPagePermission").objects.get_or_create(
                    group=group, page=column, permission=perm)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_portal_workflow"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("content", "0007_policy_link_acceptance"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
