"""The database engine's entries say whether they are listing pages (SearchDocument.listing); the
plain pages inside a column are marked here, home pages at the next rebuild_search_index."""
from django.db import migrations, models


def mark_listings(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.filter(type="page").exclude(column_type="").update(listing=True)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0009_passages'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='searchentry',
            name='search_entry_ranking',
        ),
        migrations.AddField(
            model_name='searchentry',
            name='listing',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_listings, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['id', 'facet_values', 'listing', 'published_at'], name='search_entry_ranking'),
        ),
    ]
