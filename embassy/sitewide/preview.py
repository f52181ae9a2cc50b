"""The staff preview of a clock, a day counter or a notice with unsaved values
(embassy.editorial): the header as it would be, on the home page (or the page the notice's own
preview renders). Nothing is written, and nothing remembered: the header's rows are read afresh
for the request, the item put in its place in memory."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from consular.models import Notice
from embassy.infrastructure.translated import text_of
from embassy.sitewide import header
from embassy.sitewide.models import Clock, IncidentCounter
from news.views import home

SHOWN_IN_THE_HEADER = (Clock, IncidentCounter, Notice)


def preview(request: HttpRequest, item: Clock | IncidentCounter, previewing: str = "change"):
    """The home page; its header shows the item (the context processor, with rows_with)."""
    response: HttpResponse = home(request)
    return response


def rows_with(item: Clock | IncidentCounter | Notice) -> header.HeaderRows:
    """The header's rows read from the database, with `item` (new or changed) in its order in
    place of its stored row: a counter no longer shown, a notice no longer urgent or ended, is
    left out."""

    def others(rows):
        return [row for row in rows if not (type(row) is type(item) and row.pk == item.pk)]

    now = timezone.now()
    if isinstance(item, Notice):
        notices = others(Notice.objects.urgent().not_ended(now))
        if item.is_urgent and (item.ends_at is None or item.ends_at > now):
            notices.append(item)
        notices.sort(key=lambda notice: (notice.starts_at, notice.pk is None, notice.pk or 0))
        return replace(header.read_rows(now), urgent_notices=header.notice_rows(notices))

    clocks = others(Clock.objects.all())
    counters = others(IncidentCounter.objects.shown())
    if isinstance(item, Clock):
        clocks.append(item)
    elif item.is_shown:
        counters.append(item)

    def in_order(rows):
        return sorted(rows, key=lambda row: (row.order, row.pk is None, row.pk or 0))

    return replace(
        header.read_rows(),
        clocks=[(text_of(clock, "city"), clock.time_zone) for clock in in_order(clocks)],
        counters=[
            header.CounterRow(
                text_of(counter, "event_name"), counter.event_date, text_of(counter, "note")
            )
            for counter in in_order(counters)
        ],
    )
