"""PortalHomePage (from home) joins content, state only: the table keeps its name (Meta.db_table),
and the content type of the portal home, its revisions and permissions is relabelled, so the
existing portal home keeps its type."""

from importlib import import_module

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

# The content types' relabelling of 0013, for this model.
relabel = import_module("content.migrations.0013_i15c_unit_home_and_article_pages").relabel
MOVED = {"portalhomepage": "home"}


def forwards(apps, schema_editor):
    relabel(apps, to_content=True, moved=MOVED)


def backwards(apps, schema_editor):
    relabel(apps, to_content=False, moved=MOVED)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0013_i15c_unit_home_and_article_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0006_i15p_portal_home_page_to_content"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PortalHomePage",
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('sensitivity', models.CharField(blank=True, max_length=100, verbose_name='sensitivity')),
                        ('introduction', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                        ('headlines', wagtail.fields.StreamField([('page', 0)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'label': 'headline', 'page_type': ['content.NewsPage']})}, help_text='要闻 shown first, the first one with its image; left empty, the newest news with an image.', verbose_name='headlines')),
                        ('banners', wagtail.fields.StreamField([('banner', 4)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'max_length': 40}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': 'page', 'required': False}), 2: ('wagtail.blocks.URLBlock', (), {'help_text': 'Used when no page is chosen.', 'label': 'outside address', 'required': False}), 3: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'image', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('title', 0), ('page', 1), ('url', 2), ('image', 3)]], {})}, verbose_name='topic banners')),
                        ('service_links', wagtail.fields.StreamField([('link', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'max_length': 40}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': 'page', 'required': False}), 2: ('wagtail.blocks.URLBlock', (), {'help_text': 'Used when no page is chosen.', 'label': 'outside address', 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('title', 0), ('page', 1), ('url', 2)]], {})}, help_text="办事服务 entries (e.g. the province's service platform); the newest service guides follow.", verbose_name='service entries')),
                    ],
                    options={
                        'verbose_name': 'portal home page',
                        'db_table': 'home_portalhomepage',
                    },
                    bases=('wagtailcore.page',),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
