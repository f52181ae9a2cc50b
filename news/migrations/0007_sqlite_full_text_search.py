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

The SQL is written out here as news/sqlite_search_index.py made it when this migration was made,
not imported from there: a later change to the live module must not change what this migration
builds or removes.
"""

from django.db import migrations

# Per table: the index, its three triggers, and the 'rebuild' that fills it from the rows.
CREATE = [
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS news_article_fts "
        "USING fts5(title, lead, body, "
        "content='news_article', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS news_article_fts_after_insert AFTER INSERT ON news_article "
        "BEGIN "
        "INSERT INTO news_article_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body); "
        "END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS news_article_fts_after_delete AFTER DELETE ON news_article "
        "BEGIN "
        "INSERT INTO news_article_fts(news_article_fts, rowid, title, lead, body) VALUES ('delete', old.id, old.title, old.lead, old.body); "
        "END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS news_article_fts_after_update AFTER UPDATE OF id, title, lead, body ON news_article "
        "WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.lead IS NOT new.lead "
        "OR old.body IS NOT new.body "
        "BEGIN "
        "INSERT INTO news_article_fts(news_article_fts, rowid, title, lead, body) VALUES ('delete', old.id, old.title, old.lead, old.body); "
        "INSERT INTO news_article_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body); "
        "END"
    ),
    "INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')",
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS news_event_fts "
        "USING fts5(title, teaser, body, "
        "content='news_event', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS news_event_fts_after_insert AFTER INSERT ON news_event "
        "BEGIN "
        "INSERT INTO news_event_fts(rowid, title, teaser, body) VALUES (new.id, new.title, new.teaser, new.body); "
        "END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS news_event_fts_after_delete AFTER DELETE ON news_event "
        "BEGIN "
        "INSERT INTO news_event_fts(news_event_fts, rowid, title, teaser, body) VALUES ('delete', old.id, old.title, old.teaser, old.body); "
        "END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS news_event_fts_after_update AFTER UPDATE OF id, title, teaser, body ON news_event "
        "WHEN old.id IS NOT new.id OR old.title IS NOT new.title "
        "OR old.teaser IS NOT new.teaser "
        "OR old.body IS NOT new.body "
        "BEGIN "
        "INSERT INTO news_event_fts(news_event_fts, rowid, title, teaser, body) VALUES ('delete', old.id, old.title, old.teaser, old.body); "
        "INSERT INTO news_event_fts(rowid, title, teaser, body) VALUES (new.id, new.title, new.teaser, new.body); "
        "END"
    ),
    "INSERT INTO news_event_fts(news_event_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS news_article_fts_after_insert",
    "DROP TRIGGER IF EXISTS news_article_fts_after_delete",
    "DROP TRIGGER IF EXISTS news_article_fts_after_update",
    "DROP TABLE IF EXISTS news_article_fts",
    "DROP TRIGGER IF EXISTS news_event_fts_after_insert",
    "DROP TRIGGER IF EXISTS news_event_fts_after_delete",
    "DROP TRIGGER IF EXISTS news_event_fts_after_update",
    "DROP TABLE IF EXISTS news_event_fts",
]


def run(schema_editor, statements):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create_indexes(apps, schema_editor):
    run(schema_editor, CREATE)


def drop_indexes(apps, schema_editor):
    run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("news", "0006_stored_search_vectors")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
