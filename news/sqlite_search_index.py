"""SQLite's full-text search indexes: an FTS5 table per searched table (news.searchables:
articles, events, pages) and site language, kept in step by triggers.

Each index, `news_article_fts_en`, `news_article_fts_ru`, …, holds the words of one language's
columns (title_ru, lead_ru, body_ru): a search on a language's pages reads its index only. The
indexes follow settings.LANGUAGES, which is the site's to choose, and Django alters a SQLite table
by copying it into a new one and dropping the old, which drops the table's triggers too: so no
migration creates them; after every migrate (once the searchable's own migration has run: for
articles and events 0012), `repair()` creates whatever index or trigger is missing and refills
those indexes, so a later migration of a searched table cannot leave its search index silently
behind. Before every migrate,
`drop_unused()` drops the index and triggers of a language the site no longer has, whose
columns its migrations may then remove (SQLite refuses to drop a column a trigger reads).
PostgreSQL: nothing here applies (its search uses the stored vectors of news.search_vectors).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from embassy.infrastructure import translated
from news.searchables import Searchable, registered

# Each searched table's integer primary key is `id`.
TRIGGER_EVENTS = ("insert", "delete", "update")


@dataclass(frozen=True)
class IndexedTable:
    """The FTS5 index of one table's text in one language."""

    table: str
    language: str
    columns: tuple[str, ...]

    @property
    def fts_table(self) -> str:
        return fts_table(self.table, self.language)


def fts_table(table: str, language: str) -> str:
    return translated.localized(f"{table}_fts", language)


def indexed_tables(searchables: list[Searchable] | None = None) -> list[IndexedTable]:
    """An index per searched table (of every searchable, by default) and site language, over
    that language's columns."""
    return [
        IndexedTable(
            searchable.table,
            language,
            tuple(translated.localized(field, language) for field in searchable.fields),
        )
        for searchable in (registered() if searchables is None else searchables)
        for language, _name in settings.LANGUAGES
    ]


def trigger_names(index: IndexedTable) -> list[str]:
    return [f"{index.fts_table}_after_{event}" for event in TRIGGER_EVENTS]


def create_table_statement(index: IndexedTable) -> str:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {index.fts_table} "
        f"USING fts5({', '.join(index.columns)}, content='{index.table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )


def trigger_statements(index: IndexedTable) -> list[str]:
    """The triggers of SQLite's documentation of external content tables: an index entry is
    removed with the 'delete' command and the old values. Names come from SEARCHED_TABLES and
    the site's language codes only, hence the noqa S608s."""
    fts, table, columns = index.fts_table, index.table, index.columns
    names = ", ".join(columns)
    new_values = ", ".join(f"new.{column}" for column in columns)
    old_values = ", ".join(f"old.{column}" for column in columns)
    insert_new = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new_values});"  # noqa: S608
    delete_old = (
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old_values});"  # noqa: S608
    )
    # Publishing or rescheduling changes no text: the index is rewritten only when it does.
    text_changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in ("id", *columns))
    insert, delete, update = trigger_names(index)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {insert} AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER IF NOT EXISTS {delete} AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER IF NOT EXISTS {update} AFTER UPDATE OF id, {names} ON {table} "
        f"WHEN {text_changed} BEGIN {delete_old} {insert_new} END",
    ]


def rebuild_statement(index: IndexedTable) -> str:
    fts = index.fts_table
    return f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"  # noqa: S608


def create(cursor, indexes: list[IndexedTable]) -> None:
    """Create each of `indexes` and whatever of its triggers is missing, and fill it from the
    rows."""
    for index in indexes:
        cursor.execute(create_table_statement(index))
        for statement in trigger_statements(index):
            cursor.execute(statement)
        cursor.execute(rebuild_statement(index))


def missing(cursor, searchables: list[Searchable]) -> list[IndexedTable]:
    """The indexes of the searchables in the site's languages not all there (table or
    triggers), among the tables that have their language's columns."""
    cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    present = {row[0] for row in cursor.fetchall()}
    broken = []
    for index in indexed_tables(searchables):
        if index.table not in present or {index.fts_table, *trigger_names(index)} <= present:
            continue
        cursor.execute("SELECT name FROM pragma_table_info(%s)", [index.table])
        if set(index.columns) <= {row[0] for row in cursor.fetchall()}:
            broken.append(index)
    return broken


def repair(using: str = "default", **kwargs) -> None:
    """post_migrate receiver: on SQLite, for each searchable whose migration has run, create a
    missing index or trigger and refill the index from the rows."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    searchables = [searchable for searchable in registered() if searchable.migration in applied]
    with connection.cursor() as cursor:
        broken = missing(cursor, searchables)
        if broken:
            create(cursor, broken)


def drop_unused(using: str = "default", **kwargs) -> None:
    """pre_migrate receiver: on SQLite, drop the index and triggers of every language not in
    settings.LANGUAGES."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    wanted = {index.fts_table for index in indexed_tables()}
    with connection.cursor() as cursor:
        drop(cursor, [searchable.table for searchable in registered()], keep=wanted)


def drop(cursor, tables: list[str], keep: Collection[str] = ()) -> None:
    """Drop the FTS5 indexes of `tables` and their triggers, but the indexes named in `keep`."""
    for table in tables:
        # The FTS5 tables only (they have shadow tables, dropped with them) and triggers.
        cursor.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE "
            "(type = 'trigger' AND tbl_name = %s) OR (type = 'table' AND name LIKE %s "
            "ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%%')",
            [table, f"{table}\\_fts\\_%"],
        )
        for kind, name, _table in sorted(cursor.fetchall(), reverse=True):  # triggers first
            fts = name.rsplit("_after_", 1)[0] if kind == "trigger" else name
            if fts.startswith(f"{table}_fts_") and fts not in keep:
                cursor.execute(f"DROP {kind.upper()} IF EXISTS {name}")
