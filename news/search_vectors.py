"""The full-text search vectors of articles and events on PostgreSQL.

Each table keeps its vector in a stored generated column, `search_vector` (migration 0006),
which PostgreSQL computes on every write from the expressions below and a GIN index serves.
Searches filter and rank on the stored column: ranking a match then reads its vector instead of
parsing its whole text again. SQLite has neither column nor index (news.search falls back).
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Expression
from django.db.models.expressions import CombinedExpression

SEARCH_CONFIG = "english"
STORED_VECTOR_COLUMN = "search_vector"


def article_vector() -> CombinedExpression:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("lead", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def event_vector() -> CombinedExpression:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("teaser", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


class StoredVector(Expression):
    """The row's stored `search_vector` column, which the models don't declare (it exists on
    PostgreSQL only)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(STORED_VECTOR_COLUMN)}", []
