"""The database engine's full-text table, for whichever database is in use:
an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL."""
from django.db import migrations

SQLITE = [
    'CREATE VIRTUAL TABLE search_fts USING fts5(title, body, extra, tokenize = "unicode61 remove_diacritics 0")',
]
POSTGRES = [
    # No foreign key: Django's flush truncates search_searchentry, which a reference would block.
    # The engine deletes both rows together; rows a flush leaves behind go at the next migrate.
    "CREATE TABLE search_fts (entry_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX search_fts_document ON search_fts USING gin (document)",
]


def create(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
