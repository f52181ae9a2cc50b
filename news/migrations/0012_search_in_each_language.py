"""Search in each language: the indexes of the original columns (title, lead or teaser, body) go.

They held the text as last written in whatever language was active (django-modeltranslation's
original columns, migration 0009), searched as English. A search now reads the columns of the
page's language, title_en or title_ru, …: PostgreSQL through a stored vector column per language
with its own text search configuration (news.search_vectors), SQLite through an FTS5 index per
language (news.sqlite_search_index). Which languages a site has is its setting (LANGUAGES), so
those are not listed here: after every migrate, once this migration has run, the `repair()` of
each of those modules creates what a language lacks and fills it from the rows.

Here: PostgreSQL drops the English vector column of migration 0006 (with its GIN index), SQLite
the FTS5 indexes and triggers of migration 0007. Backwards, the indexes of every language go and
those of 0006 and 0007 come back, as those migrations wrote them.
"""

from importlib import import_module

from django.db import migrations

stored_vectors = import_module("news.migrations.0006_stored_search_vectors")
sqlite_indexes = import_module("news.migrations.0007_sqlite_full_text_search")
TABLES = ("news_article", "news_event")


def drop_english_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        quote = schema_editor.quote_name
        for table in TABLES:
            # Its GIN index goes with it.
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} DROP COLUMN IF EXISTS "
                f"{quote(stored_vectors.STORED_VECTOR_COLUMN)}"
            )
    elif connection.vendor == "sqlite":
        sqlite_indexes.drop_indexes(apps, schema_editor)


def drop_indexes_of_each_language(schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ANY(%s) "
                "AND column_name LIKE 'search\\_vector\\_%%'",
                [list(TABLES)],
            )
            quote = schema_editor.quote_name
            for table, column in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN {quote(column)}")
        elif connection.vendor == "sqlite":
            for table in TABLES:
                # The FTS5 tables themselves (dropping one drops its shadow tables) and the
                # triggers that write to them.
                cursor.execute(
                    "SELECT type, name FROM sqlite_master WHERE (type = 'trigger' AND name LIKE %s "
                    "ESCAPE '\\') OR (type = 'table' AND name LIKE %s ESCAPE '\\' "
                    "AND sql LIKE 'CREATE VIRTUAL TABLE%%')",
                    [f"{table}\\_fts\\_%\\_after\\_%", f"{table}\\_fts\\_%"],
                )
                for kind, name in sorted(cursor.fetchall(), reverse=True):  # triggers first
                    cursor.execute(f"DROP {kind.upper()} IF EXISTS {name}")


def restore_english_indexes(apps, schema_editor):
    drop_indexes_of_each_language(schema_editor)
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        quote = schema_editor.quote_name
        column = quote(stored_vectors.STORED_VECTOR_COLUMN)
        for model_name, index_name, vector in stored_vectors.VECTORS:
            model = apps.get_model("news", model_name)
            table = quote(model._meta.db_table)
            expression = stored_vectors.expression_sql(schema_editor, model, vector())
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} tsvector "
                f"GENERATED ALWAYS AS ({expression}) STORED"
            )
            schema_editor.execute(
                f"CREATE INDEX {quote(index_name)} ON {table} USING gin ({column})"
            )
    elif connection.vendor == "sqlite":
        sqlite_indexes.create_indexes(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("news", "0011_event_time_zone")]

    operations = [migrations.RunPython(drop_english_indexes, restore_english_indexes)]
