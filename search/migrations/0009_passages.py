"""The database engine's passages (search/passages.py): an FTS5 table on SQLite, a tsvector
table with a GIN index on PostgreSQL, one row per passage naming its entry."""
from django.db import migrations

SQLITE = [
    'CREATE VIRTUAL TABLE search_passage USING fts5(text, entry UNINDEXED, '
    'tokenize = "unicode61 remove_diacritics 0")',
]
POSTGRES = [
    # No foreign key, as search_fts (migration 0002): the engine deletes entries and passages together.
    "CREATE TABLE search_passage (id bigserial PRIMARY KEY, entry_id bigint NOT NULL, document tsvector NOT NULL)",
    "CREATE INDEX search_passage_document ON search_passage USING gin (document)",
    "CREATE INDEX search_passage_entry ON search_passage (entry_id)",
]


def create(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS search_passage")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_searchentry_facet_values")]
    operations = [migrations.RunPython(create, drop)]
