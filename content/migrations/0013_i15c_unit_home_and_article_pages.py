"""UnitHomePage (from subsites) and ArticlePage (from home) join content, state only: the tables keep
their names (Meta.db_table), and the content types of existing pages, revisions and permissions
are relabelled, so every existing page keeps its type."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

# model name: the app it came from
MOVED = {"unithomepage": "subsites", "articlepage": "home"}


def relabel(apps, to_content, moved=MOVED):
    """Give the moved models' content types ({model name: the app it came from}) their new app label
    (content 0014_i15p_portal_home_page reuses this). A content type already under the new label
    (made by a `migrate` that ran the new code's post_migrate before this migration) is dropped
    with its automatic permissions, as long as no page has that type."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    for model, old_app in moved.items():
        source, target = (old_app, "content") if to_content else ("content", old_app)
        if not ContentType.objects.filter(app_label=source, model=model).exists():
            continue
        duplicate = ContentType.objects.filter(app_label=target, model=model).first()
        if duplicate is not None:
            if Page.objects.filter(content_type=duplicate).exists():
                raise RuntimeError(f"pages of both {source}.{model} and {target}.{model} exist; merge them by hand")
            duplicate.permission_set.all().delete()
            duplicate.delete()
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    relabel(apps, to_content=True)


def backwards(apps, schema_editor):
    relabel(apps, to_content=False)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0012_i21d_responses"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0005_i15c_article_page_to_content"),
        ("subsites", "0004_i15c_unit_home_page_to_content"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ArticlePage",
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('sensitivity', models.CharField(blank=True, max_length=100, verbose_name='sensitivity')),
                        ('source', models.CharField(blank=True, max_length=100, verbose_name='source')),
                        ('body', wagtail.fields.RichTextField(verbose_name='body')),
                    ],
                    options={
                        'verbose_name': 'article',
                        'db_table': 'home_articlepage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name="UnitHomePage",
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('sensitivity', models.CharField(blank=True, max_length=100, verbose_name='sensitivity')),
                        ('introduction', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                        ('headlines', wagtail.fields.StreamField([('page', 0)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'label': 'headline', 'page_type': ['content.NewsPage']})}, help_text='要闻 shown first, the first one with its image; left empty, the newest news with an image.', verbose_name='headlines')),
                        ('banners', wagtail.fields.StreamField([('banner', 4)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'title', 'max_length': 40}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': 'page', 'required': False}), 2: ('wagtail.blocks.URLBlock', (), {'help_text': 'Used when no page is chosen.', 'label': 'outside address', 'required': False}), 3: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'image', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('title', 0), ('page', 1), ('url', 2), ('image', 3)]], {})}, verbose_name='topic banners')),
                        ('unit', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='subsites.unit', verbose_name='unit')),
                    ],
                    options={
                        'verbose_name': 'subsite home page',
                        'db_table': 'subsites_unithomepage',
                    },
                    bases=('wagtailcore.page',),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
