"""When the newsroom's public pages next change by themselves, for caches that must expire then."""

from __future__ import annotations

from datetime import datetime

from news.models import Article, Event, Status


def next_change(now: datetime) -> datetime | None:
    """The publication time of the first scheduled article or event: the moment it appears on
    the home page, the archive, the feeds and the sitemap. None when nothing is scheduled.
    Two queries, each answered by the published-items index."""
    moments = [
        model.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in (Article, Event)
    ]
    return min((moment for moment in moments if moment is not None), default=None)
