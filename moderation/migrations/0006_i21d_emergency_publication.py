"""The 回应关切 emergency route: its pending approvals afterwards, and the portal centre's group
回应关切发布人 that may use it (admin access only, no page permissions: the route is its one right)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


PUBLISHER_GROUP = "回应关切发布人"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=PUBLISHER_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0005_i18a_portal_group_permissions'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('wagtailadmin', '0001_create_admin_access_permissions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EmergencyPublication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(verbose_name='reason for the emergency publication')),
                ('published_at', models.DateTimeField(auto_now_add=True)),
                ('status', models.CharField(choices=[('pending', 'Waiting for approval afterwards'), ('confirmed', 'Confirmed by the leader'), ('withdrawn', 'Statement withdrawn')], default='pending', max_length=20)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.page')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'emergency publication',
            },
        ),
        migrations.RunPython(create_group, migrations.RunPython.noop),
    ]
