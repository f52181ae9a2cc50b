"""When the consular content next changes by itself, for caches that must expire then."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from consular.models import ContactPoint, Notice
from embassy.infrastructure.lib import timekeeping


def next_change(now: datetime) -> datetime | None:
    """The first moment after `now` at which a notice starts or ends, or a desk opens or
    closes; None when nothing is due. Six queries, however many desks and notices."""
    zone = timekeeping.zone(settings.TIME_ZONE)
    moments = [
        Notice.objects.filter(starts_at__gt=now)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first(),
        Notice.objects.filter(ends_at__gt=now)
        .order_by("ends_at")
        .values_list("ends_at", flat=True)
        .first(),
    ]
    for contact_point in ContactPoint.objects.for_page(now.astimezone(zone).date()):
        status = contact_point.status(now)
        moments.append(status.closes_at if status.is_open else status.next_opening)
    return min((moment for moment in moments if moment is not None and moment > now), default=None)
