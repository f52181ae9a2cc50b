"""SQLite's full-text search indexes: an FTS5 table per searched table, kept in step by triggers.

Migration 0007 creates them. Django alters a SQLite table by copying it into a new one and
dropping the old, which drops the table's triggers too: after every migrate, `repair()` puts
back whatever is missing and refills those indexes, so a later migration of news_article or
news_event cannot leave the search index silently behind. PostgreSQL: nothing here applies (its
search uses the stored vectors of migration 0006).
"""

from __future__ import annotations

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

# (table, the columns searched); each table's integer primary key is `id`.
INDEXED_TABLES = [
    ("news_article", ("title", "lead", "body")),
    ("news_event", ("title", "teaser", "body")),
]
TRIGGER_EVENTS = ("insert", "delete", "update")


def fts_table(table: str) -> str:
    return f"{table}_fts"


def trigger_names(table: str) -> list[str]:
    return [f"{fts_table(table)}_after_{event}" for event in TRIGGER_EVENTS]


def create_table_statement(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table(table)} USING fts5({', '.join(columns)}, "
        f"content='{table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )


def trigger_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    """The triggers of SQLite's documentation of external content tables: an index entry is
    removed with the 'delete' command and the old values. Names come from INDEXED_TABLES only,
    hence the noqa S608s."""
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
    insert, delete, update = trigger_names(table)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {insert} AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER IF NOT EXISTS {delete} AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER IF NOT EXISTS {update} AFTER UPDATE OF id, {names} ON {table} "
        f"WHEN {text_changed} BEGIN {delete_old} {insert_new} END",
    ]


def rebuild_statement(table: str) -> str:
    fts = fts_table(table)
    return f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"  # noqa: S608


def create(cursor, tables: list[str] | None = None) -> None:
    """Create the index of each of `tables` (all by default) and whatever of its triggers is
    missing, and fill it from the rows."""
    for table, columns in INDEXED_TABLES:
        if tables is None or table in tables:
            cursor.execute(create_table_statement(table, columns))
            for statement in trigger_statements(table, columns):
                cursor.execute(statement)
            cursor.execute(rebuild_statement(table))


def drop(cursor) -> None:
    for table, _columns in INDEXED_TABLES:
        for trigger in trigger_names(table):
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        cursor.execute(f"DROP TABLE IF EXISTS {fts_table(table)}")


def missing(cursor) -> list[str]:
    """The tables whose index or triggers are not all there."""
    cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    present = {row[0] for row in cursor.fetchall()}
    return [
        table
        for table, _columns in INDEXED_TABLES
        if table in present and not {fts_table(table), *trigger_names(table)} <= present
    ]


def repair(using: str = "default", **kwargs) -> None:
    """post_migrate receiver: on SQLite, recreate a missing index or trigger and refill the
    index from the rows (once migration 0007 has run)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    if ("news", "0007_sqlite_full_text_search") not in applied:
        return
    with connection.cursor() as cursor:
        broken = missing(cursor)
        if broken:
            create(cursor, broken)
