"""SQLite: FTS5 full-text indexes of articles and events, so a search stops reading every row.

The fallback search matched each word with LIKE '%word%' over the title, lead (or teaser) and
body, which scans both whole tables: about 200 ms at 100,000 items. Each table now gets an FTS5
index, `<table>_fts`, that news.search matches words against instead. The index is an
"external content" table: it stores the words only and reads the text from the table itself,
and triggers keep it in step with every insert, update and delete, whoever writes (save(),
bulk_create(), a queryset's update(), raw SQL). The 'rebuild' fills it once from the rows there.

Django alters a SQLite table by copying it to a new one and dropping the old one, which drops
these triggers: after every migrate, news.sqlite_search_index.repair() creates again whatever is
missing and refills those indexes (tests/news/test_sqlite_search.py checks both).

PostgreSQL: nothing to do (its search uses the stored vectors of migration 0006).
"""

from django.db import migrations

from news import sqlite_search_index


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        sqlite_search_index.create(cursor)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        sqlite_search_index.drop(cursor)


class Migration(migrations.Migration):
    dependencies = [("news", "0006_stored_search_vectors")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
