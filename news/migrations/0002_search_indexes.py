"""GIN indexes on the full-text search vectors, on PostgreSQL only.

The database keeps an expression index up to date on every write; SQLite has no GIN indexes
and uses the simple fallback search, so this migration does nothing there.

The vectors are written out here as they were when this migration was made, not imported from
news.search_vectors: a later change there must not change what this migration builds.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SEARCH_CONFIG = "english"


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


INDEXES = [
    ("Article", "article_search_idx", article_vector),
    ("Event", "event_search_idx", event_vector),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name, vector in INDEXES:
        model = apps.get_model("news", model_name)
        schema_editor.add_index(model, GinIndex(vector(), name=name))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name, vector in INDEXES:
        model = apps.get_model("news", model_name)
        schema_editor.remove_index(model, GinIndex(vector(), name=name))


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
