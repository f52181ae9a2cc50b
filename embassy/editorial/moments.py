"""When approved changes make the public pages change by themselves."""

from __future__ import annotations

from datetime import datetime, timedelta

from embassy.editorial.models import Change


def next_change(now: datetime) -> datetime | None:
    """The publication time of the first approved change still to be applied; one overdue
    (nobody visited at its time) is reported as due in a second, so the middleware applies it
    at the next request. One query."""
    due = Change.objects.first_due()
    if due is None:
        return None
    return max(due, now + timedelta(seconds=1))
