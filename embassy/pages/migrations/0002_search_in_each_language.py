"""Pages in the visitors' search: each site language's search index of their title, lead and body.

PostgreSQL: a stored vector column per language with its GIN index (news.search_vectors); SQLite:
an FTS5 index per language kept by triggers (news.sqlite_search_index). Which languages a site has
is its setting (LANGUAGES), so they are not listed here: this migration builds them for the
languages there are, and after every migrate, once it has run, the `repair()` of each of those
modules builds what a language lacks (a language added later; SQLite's triggers, which go
whenever Django remakes the table). Backwards, they all go.
"""

from django.db import migrations

from embassy.pages.search import PageSearch
from news import search_vectors, sqlite_search_index

TABLE = "pages_page"


def build(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        search_vectors.add_missing(schema_editor, PageSearch())
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            sqlite_search_index.create(cursor, sqlite_search_index.indexed_tables([PageSearch()]))


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        search_vectors.drop(connection, [TABLE])
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            sqlite_search_index.drop(cursor, [TABLE])


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(build, drop)]
