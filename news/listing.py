"""The press feed: articles and events in one list, newest publication first.

The archive ("All messages"), the search results and the news feeds show both kinds of item
together. They are merged in the database with one UNION ALL ordered by publication time, so a
page costs one query however large the tables grow, and only the page's rows are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import CharField, DateField, Expression, F, IntegerField, QuerySet, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure import caching, translated
from news.models import Article, Event, Kind, last_day

EVENT = "event"
# The kinds a visitor can filter by: the article kinds, then events.
KIND_CHOICES = [*Kind.choices, (EVENT, _("Event"))]
KIND_LABELS = dict(KIND_CHOICES)
ORDERING: tuple[str, ...] = ("-entry_time", "-entry_kind", "-entry_id")
REVERSED_ORDERING = tuple(field.removeprefix("-") for field in ORDERING)


@dataclass(frozen=True)
class Entry:
    """One item of the press feed, as lists and feeds show it."""

    kind: str
    pk: int
    title: str
    url: str
    published_at: datetime
    updated_at: datetime
    summary: str
    starts_on: date | None = None
    # An event's last day: its end date, else its date.
    last_day: date | None = None
    body: str = ""
    # The language the summary is written in: the page's, or the default one's when the item
    # has no summary in the page's language.
    summary_language: str = ""

    @property
    def summary_text(self) -> translated.Text:
        return translated.Text(self.summary, self.summary_language)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_event(self) -> bool:
        return self.kind == EVENT

    @property
    def is_past(self) -> bool:
        """An event whose last day has gone, in the host city's time."""
        return self.last_day is not None and self.last_day < timezone.localdate()


def summary_columns(field: str) -> dict[str, Expression]:
    text, language = translated.with_fallback(field)
    return {"entry_summary": text, "entry_summary_language": language}


def _article_rows(articles: QuerySet, with_body: bool) -> QuerySet:
    columns = {
        "entry_kind": F("kind"),
        "entry_id": F("pk"),
        "entry_title": translated.with_fallback("title")[0],
        "entry_slug": F("slug"),
        "entry_time": F("published_at"),
        "entry_updated": F("updated_at"),
        **summary_columns("lead"),
        "entry_date": Value(None, output_field=DateField()),
        "entry_last_day": Value(None, output_field=DateField()),
    }
    if with_body:
        columns["entry_body"] = translated.with_fallback("body")[0]
    return translated.as_written(articles).order_by().values(**columns)


def _event_rows(events: QuerySet, with_body: bool) -> QuerySet:
    columns = {
        "entry_kind": Value(EVENT, output_field=CharField()),
        "entry_id": F("pk"),
        "entry_title": translated.with_fallback("title")[0],
        "entry_slug": F("slug"),
        "entry_time": F("published_at"),
        "entry_updated": F("updated_at"),
        **summary_columns("teaser"),
        "entry_date": F("starts_on"),
        "entry_last_day": last_day(),
    }
    if with_body:
        columns["entry_body"] = translated.with_fallback("body")[0]
    return translated.as_written(events).order_by().values(**columns)


class PressFeed:
    """Rows of the merged feed, newest first, as a sequence a Paginator can count and slice.

    A slice reads no more than the slice's end from each table, in the order of its
    published-items index: on PostgreSQL each table's rows are limited before they are merged
    (its planner would otherwise sort both whole tables); SQLite merges the two index-ordered
    scans by itself, and allows no LIMIT inside a compound query. Once counted, a page in the
    older half is read from the oldest end, so the last page costs what the first does. A page
    deeper than DEEP_OFFSET from either end is read in two queries: the keys of its rows from
    the indexes alone (they hold every column of the order), then those rows. With
    `count_name`, the count is remembered for the content version.
    """

    # Rows skipped beyond which reading keys first is cheaper than reading whole rows.
    DEEP_OFFSET = 200
    KEYS = ("entry_time", "entry_kind", "entry_id")

    def __init__(
        self, parts: list[QuerySet], event_parts: list[bool], count_name: str | None = None
    ) -> None:
        self.parts = parts
        self.event_parts = event_parts  # for each part, whether its rows are events
        self.count_name = count_name
        self._count: int | None = None

    def count(self) -> int:
        """One query, or none when remembered."""
        if self._count is None:
            if self.count_name:
                self._count = caching.remember(self.count_name, self._count_rows)
            else:
                self._count = self._count_rows()
        return self._count

    def _count_rows(self) -> int:
        return self._merged(self.parts).count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if index.step is not None or index.stop is None:
            raise ValueError("The press feed is read in pages: slice it as [start:stop].")
        start, stop = index.start or 0, index.stop
        if stop <= start:
            return self.parts[0].none()  # an empty page (Django makes [:0] an empty queryset)
        query, oldest_first, keys_only = self.query_for(start, stop)
        rows = self._rows_of(list(query)) if keys_only else query
        return list(reversed(rows)) if oldest_first else rows

    def query_for(self, start: int, stop: int) -> tuple[QuerySet, bool, bool]:
        """The query that reads rows start to stop (newest first): whether it reads them oldest
        first instead, and whether it reads their keys only."""
        ordering, oldest_first = ORDERING, False
        if self._count is not None and start > self._count // 2:
            stop = min(stop, self._count)
            start, stop = self._count - stop, self._count - start
            ordering, oldest_first = REVERSED_ORDERING, True
        keys_only = start > self.DEEP_OFFSET
        parts = [part.values(*self.KEYS) for part in self.parts] if keys_only else self.parts
        return self._slice(parts, ordering, start, stop), oldest_first, keys_only

    def _slice(self, parts: list[QuerySet], ordering, start: int, stop: int) -> QuerySet:
        if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
            parts = [part.order_by(*ordering)[:stop] for part in parts]
        return self._merged(parts).order_by(*ordering)[start:stop]

    def _merged(self, parts: list[QuerySet]) -> QuerySet:
        return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

    def _rows_of(self, keys: list[dict]) -> list[dict]:
        """The whole rows of `keys`, in their order: one query."""
        wanted = [
            part.filter(
                pk__in=[key["entry_id"] for key in keys if (key["entry_kind"] == EVENT) == event]
            )
            for part, event in zip(self.parts, self.event_parts, strict=True)
        ]
        found = {(row["entry_kind"] == EVENT, row["entry_id"]): row for row in self._merged(wanted)}
        return [found[key["entry_kind"] == EVENT, key["entry_id"]] for key in keys]


def press_feed(
    articles: QuerySet[Article],
    events: QuerySet[Event],
    *,
    kind: str | None = None,
    period: tuple[datetime, datetime] | None = None,
    with_body: bool = False,
    count_name: str | None = None,
) -> PressFeed:
    """The merged feed, for `to_entries` to turn a slice of into entries.

    `articles` and `events` are what the visitor may see (their published querysets); `kind`
    keeps one kind only (an article kind or EVENT) and `period` a span of publication times.
    Lazy: slicing and evaluating it is one query, counting it another (remembered under
    `count_name`, which must name the selection: the same name, the same rows).
    """
    if period is not None:
        start, end = period
        articles = articles.filter(published_at__gte=start, published_at__lt=end)
        events = events.filter(published_at__gte=start, published_at__lt=end)
    if kind == EVENT:
        return PressFeed([_event_rows(events, with_body)], [True], count_name)
    if kind:
        rows = _article_rows(articles.filter(kind=kind), with_body)
        return PressFeed([rows], [False], count_name)
    return PressFeed(
        [_article_rows(articles, with_body), _event_rows(events, with_body)],
        [False, True],
        count_name,
    )


def to_entries(rows) -> list[Entry]:
    """Entries of evaluated press-feed rows. No query: the URLs are built from the rows."""
    entries = []
    for row in rows:
        if row["entry_kind"] == EVENT:
            url = Event(slug=row["entry_slug"]).get_absolute_url()
        else:
            url = Article(slug=row["entry_slug"], published_at=row["entry_time"]).get_absolute_url()
        entries.append(
            Entry(
                kind=row["entry_kind"],
                pk=row["entry_id"],
                title=row["entry_title"],
                url=url,
                published_at=row["entry_time"],
                updated_at=row["entry_updated"],
                summary=row["entry_summary"],
                summary_language=row["entry_summary_language"],
                starts_on=row["entry_date"],
                last_day=row["entry_last_day"],
                body=row.get("entry_body", ""),
            )
        )
    return entries


def publication_years(articles: QuerySet[Article], events: QuerySet[Event]) -> list[int]:
    """The local years in which anything was published, newest first: one query."""

    def years(queryset: QuerySet) -> QuerySet:
        return (
            queryset.order_by()
            .annotate(entry_year=ExtractYear("published_at", output_field=IntegerField()))
            .values_list("entry_year", flat=True)
        )

    return list(years(articles).union(years(events)).order_by("-entry_year"))
