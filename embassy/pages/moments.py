"""When the pages change by themselves, for caches that must expire then."""

from __future__ import annotations

from datetime import datetime

from embassy.pages.models import Page
from news.models import Status


def next_change(now: datetime) -> datetime | None:
    """The publication time of the first scheduled page: the moment it appears at its address,
    in the menu, the sub-navigation and the site map. One query."""
    return (
        Page.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
