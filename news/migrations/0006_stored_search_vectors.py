"""PostgreSQL: the search vectors become stored generated columns with GIN indexes on them.

Until now the GIN indexes were built on the vector expressions (migration 0002), so a search
found its matches in the index but had to parse each match's whole text again to rank it. A
stored column is computed once per write. SQLite: nothing to do (no full-text search there).

The vectors and the column's name are written out here as they were when this migration was
made, not imported from news.search_vectors: a later change there must not change what this
migration builds.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query

SEARCH_CONFIG = "english"
STORED_VECTOR_COLUMN = "search_vector"


def article_vector():
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("lead", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def event_vector():
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("teaser", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


VECTORS = [
    ("Article", "article_search_idx", article_vector),
    ("Event", "event_search_idx", event_vector),
]


def expression_sql(schema_editor, model, expression) -> str:
    """The expression as SQL with unqualified column names, as a generated column needs."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = expression.resolve_expression(query).as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def store_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name, index_name, vector in VECTORS:
        model = apps.get_model("news", model_name)
        table = quote(model._meta.db_table)
        schema_editor.remove_index(model, GinIndex(vector(), name=index_name))
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {quote(STORED_VECTOR_COLUMN)} tsvector "
            f"GENERATED ALWAYS AS ({expression_sql(schema_editor, model, vector())}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(index_name)} ON {table} USING gin ({quote(STORED_VECTOR_COLUMN)})"
        )


def index_expressions_again(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name, index_name, vector in VECTORS:
        model = apps.get_model("news", model_name)
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index_name)}")
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} DROP COLUMN {quote(STORED_VECTOR_COLUMN)}"
        )
        schema_editor.add_index(model, GinIndex(vector(), name=index_name))


class Migration(migrations.Migration):
    dependencies = [("news", "0005_list_indexes_and_event_dates")]

    operations = [migrations.RunPython(store_vectors, index_expressions_again)]
