"""Indexes in the full order of each list, so that a page of the home page, the archive or a
feed reads its rows from an index instead of sorting a whole table; and events that cannot end
before they start."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_sanitize_stored_bodies"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_published_idx",
        ),
        migrations.RemoveIndex(
            model_name="event",
            name="event_published_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_at", "-kind", "-id"], name="article_feed_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["kind", "status", "-published_at", "-id"], name="article_kind_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-is_featured", "-published_at", "-id"], name="article_home_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["status", "-published_at", "-id"], name="event_feed_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["status", "-starts_on", "-starts_at", "-id"], name="event_latest_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                models.F("status"),
                django.db.models.functions.comparison.Coalesce("ends_on", "starts_on"),
                name="event_last_day_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="event_ends_after_it_starts",
                violation_error_message="The end date cannot be before the date.",
            ),
        ),
    ]
