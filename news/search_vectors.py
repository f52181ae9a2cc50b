"""The full-text search vectors on PostgreSQL of what the search finds (news.searchables:
articles, events, pages), one per site language.

Each table keeps a vector per language in a stored generated column, `search_vector_en`,
`search_vector_ru`, … which PostgreSQL computes on every write from that language's title, lead
(or teaser) and body, with that language's text search configuration (its stemming: "посольство"
finds "посольства"), and a GIN index serves. Searches filter and rank on the stored column of the
page's language: ranking a match then reads its vector instead of parsing its whole text again.

The columns follow settings.LANGUAGES, which is the site's to choose, so no migration can list
them: after every migrate, `repair()` adds the column and index of any language that has none
(once the searchable's own migration has run: for articles and events 0012, which removed the
single English vector of migration 0006); before every migrate,
`drop_unused()` drops those of a language the site no longer has, whose columns (title_fr, …)
its migrations may then remove (PostgreSQL refuses to drop a column a generated one reads).
SQLite has neither column nor index (news.search falls back to news.sqlite_search_index).
"""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Expression, Model
from django.db.models.expressions import CombinedExpression
from django.db.models.sql import Query

from embassy.infrastructure import translated
from news.searchables import Searchable, registered

# PostgreSQL's built-in text search configurations (PostgreSQL 15's list) by language code; a
# language without one is searched with 'simple': words lower-cased, no stemming.
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
# The weights of a searchable's fields: A (title), B (lead or teaser), C (body).
WEIGHTS = ("A", "B", "C")


def text_search_config(language: str) -> str:
    """The text search configuration of a language code ("pt-br" is Portuguese)."""
    return TEXT_SEARCH_CONFIGS.get(language.split("-")[0].lower(), "simple")


def vector_column(language: str) -> str:
    return translated.localized("search_vector", language)


def index_name(model: type[Model], language: str) -> str:
    return f"{model._meta.db_table}_{vector_column(language)}_idx"


def vector(fields: tuple[str, ...], language: str) -> CombinedExpression:
    """The weighted vector of the text of `fields` in `language`."""
    config = text_search_config(language)
    parts = [
        SearchVector(translated.localized(field, language), weight=weight, config=config)
        for field, weight in zip(fields, WEIGHTS, strict=True)
    ]
    return parts[0] + parts[1] + parts[2]


class StoredVector(Expression):
    """The row's stored vector column of a language, which the models don't declare (it exists
    on PostgreSQL only)."""

    output_field = SearchVectorField()

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(vector_column(self.language))}", []


def expression_sql(schema_editor, model: type[Model], expression) -> str:
    """The expression as SQL with unqualified column names, as a generated column needs."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = expression.resolve_expression(query).as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def add_vector(schema_editor, searchable: Searchable, language: str) -> None:
    """Add the searchable's stored vector column of `language` and its GIN index; PostgreSQL
    fills the column from the rows there."""
    quote = schema_editor.quote_name
    model = searchable.model
    table, column = quote(model._meta.db_table), quote(vector_column(language))
    expression = expression_sql(schema_editor, model, vector(searchable.fields, language))
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN {column} tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX {quote(index_name(model, language))} ON {table} USING gin ({column})"
    )


def repair(using: str = "default", apps=None, **kwargs) -> None:
    """post_migrate receiver: on PostgreSQL, add the vector column and index of each site
    language a searchable's table has none of yet (all of them right after its migration),
    once the language's columns are there."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    with connection.schema_editor() as schema_editor:
        for searchable in registered():
            if searchable.migration in applied:
                add_missing(schema_editor, searchable)


def add_missing(schema_editor, searchable: Searchable) -> None:
    """Add the vector column and index of each site language the searchable's table has the
    columns of but no vector."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        present = {
            column.name
            for column in connection.introspection.get_table_description(cursor, searchable.table)
        }
    for language, _name in settings.LANGUAGES:
        columns = {translated.localized(field, language) for field in searchable.fields}
        if vector_column(language) not in present and columns <= present:
            add_vector(schema_editor, searchable, language)


def drop_unused(using: str = "default", **kwargs) -> None:
    """pre_migrate receiver: on PostgreSQL, drop the vector column (and its index) of every
    language not in settings.LANGUAGES."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    wanted = {vector_column(language) for language, _name in settings.LANGUAGES}
    drop(connection, [searchable.table for searchable in registered()], keep=wanted)


def drop(connection, tables: list[str], keep: Collection[str] = ()) -> None:
    """Drop the vector columns (and their indexes) of `tables`, but those named in `keep`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ANY(%s) "
            "AND column_name LIKE 'search\\_vector\\_%%'",
            [tables],
        )
        quote = connection.ops.quote_name
        for table, column in cursor.fetchall():
            if column not in keep:
                cursor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN {quote(column)}")
