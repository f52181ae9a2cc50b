"""The staff preview of a clock or a day counter with unsaved values (embassy.editorial): the
home page with the header as it would be. Nothing is written, and nothing remembered: the
header's rows are read afresh for this request, the item put in its place in memory."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse

from embassy.infrastructure.translated import text_of
from embassy.sitewide import header
from embassy.sitewide.models import Clock, IncidentCounter
from news.views import home

# Read by the header's context processor: the rows it shows instead of the remembered ones.
ROWS_ATTRIBUTE = "previewed_header_rows"


def preview(request: HttpRequest, item: Clock | IncidentCounter, previewing: str = "change"):
    setattr(request, ROWS_ATTRIBUTE, (rows_with(item), previewing))
    response: HttpResponse = home(request)
    return response


def rows_with(item: Clock | IncidentCounter) -> header.HeaderRows:
    """The header's rows read from the database, with `item` (new or changed) in its order in
    place of its stored row: a counter no longer shown is left out."""

    def others(rows):
        return [row for row in rows if not (type(row) is type(item) and row.pk == item.pk)]

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
