"""The database engine's entries keep their six facet values in one column (read for every match)."""
from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Cast, Coalesce, Concat

# As in this release's search.query.FACETS and search.engines.database.FACET_SEPARATOR.
FACETS = ("unit", "column_type", "type", "year", "issuer", "validity")
SEPARATOR = "\x1f"


def fill_facet_values(apps, schema_editor):
    parts = []
    for name in FACETS:
        parts += [Coalesce(Cast(name, models.CharField()), Value("")), Value(SEPARATOR)]
    apps.get_model("search", "SearchEntry").objects.update(
        facet_values=Concat(*parts[:-1], output_field=models.CharField()))


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0007_searchvector"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="searchentry",
            name="search_entry_facets",
        ),
        migrations.AddField(
            model_name="searchentry",
            name="facet_values",
            field=models.CharField(blank=True, max_length=400),
        ),
        migrations.RunPython(fill_facet_values, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["id", "facet_values", "type", "column_type", "published_at"],
                               name="search_entry_ranking"),
        ),
    ]
