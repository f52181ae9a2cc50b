"""GIN indexes on the full-text search vectors, on PostgreSQL only.

The database keeps an expression index up to date on every write; SQLite has no GIN indexes
and uses the simple fallback search, so this migration does nothing there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from news.search_vectors import article_vector, event_vector

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
