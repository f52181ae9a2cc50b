"""SQLite: FTS5 full-text indexes of articles and events, so a search stops reading every row.

The fallback search matched each word with LIKE '%word%' over the title, lead (or teaser) and
body, which scans both whole tables: about 200 ms at 100,000 items. Each table now gets an FTS5
index, `<table>_fts`, that news.search matches words against instead. The index is an
"external content" table: it stores the words only and reads the text from the table itself,
and triggers keep it in step with every insert, update and delete, whoever writes (save(),
bulk_create(), a queryset's update(), raw SQL). The 'rebuild' fills it once from the rows there.

Beware: Django alters a SQLite table by copying it to a new one and dropping the old one, which
drops these triggers. A later migration that alters news_article or news_event this way must
create them again (tests/news/test_sqlite_search.py checks that they exist).

PostgreSQL: nothing to do (its search uses the stored vectors of migration 0007).
"""

from django.db import migrations

# (table, the columns searched); each table's integer primary key is `id`.
INDEXED_TABLES = [
    ("news_article", ("title", "lead", "body")),
    ("news_event", ("title", "teaser", "body")),
]


def fts_table(table: str) -> str:
    return f"{table}_fts"


def create_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    """The FTS5 index of `table` and its triggers, as in SQLite's documentation of external
    content tables: an index entry is removed with the 'delete' command and the old values.
    Names only come from INDEXED_TABLES, hence the noqa S608s."""
    fts = fts_table(table)
    names = ", ".join(columns)
    new_values = ", ".join(f"new.{column}" for column in columns)
    old_values = ", ".join(f"old.{column}" for column in columns)
    insert_new = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new_values});"  # noqa: S608
    delete_old = (
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old_values});"  # noqa: S608
    )
    # Publishing or rescheduling changes no text: the index is rewritten only when it does.
    text_changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in ("id", *columns))
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_after_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER {fts}_after_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {fts}_after_update AFTER UPDATE OF id, {names} ON {table} "
        f"WHEN {text_changed} BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, columns in INDEXED_TABLES:
        for statement in create_statements(table, columns):
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, _columns in INDEXED_TABLES:
        fts = fts_table(table)
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_after_{event}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")


class Migration(migrations.Migration):
    dependencies = [("news", "0007_stored_search_vectors")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
