"""The full-text search vectors of articles and events on PostgreSQL.

The same expressions are used by the GIN indexes (migration 0002) and by the search queries:
PostgreSQL uses an expression index only when the query repeats the expression exactly, so
both must come from here.
"""

from django.contrib.postgres.search import SearchVector

SEARCH_CONFIG = "english"


def article_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("lead", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def event_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("teaser", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )
