"""The press feed: articles and events in one list, newest publication first.

The archive ("All messages"), the search results and the news feeds show both kinds of item
together. They are merged in the database with one UNION ALL ordered by publication time, so a
page costs one query however large the tables grow, and only the page's rows are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import CharField, DateField, F, IntegerField, QuerySet, Value
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from news.models import Article, Event, Kind

EVENT = "event"
# The kinds a visitor can filter by: the article kinds, then events.
KIND_CHOICES = [*Kind.choices, (EVENT, _("Event"))]
KIND_LABELS = dict(KIND_CHOICES)
ORDERING = ("-entry_time", "-entry_kind", "-entry_id")


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
    body: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_event(self) -> bool:
        return self.kind == EVENT


def _article_rows(articles: QuerySet, with_body: bool) -> QuerySet:
    columns = {
        "entry_kind": F("kind"),
        "entry_id": F("pk"),
        "entry_title": F("title"),
        "entry_slug": F("slug"),
        "entry_time": F("published_at"),
        "entry_updated": F("updated_at"),
        "entry_summary": F("lead"),
        "entry_date": Value(None, output_field=DateField()),
    }
    if with_body:
        columns["entry_body"] = F("body")
    return articles.order_by().values(**columns)


def _event_rows(events: QuerySet, with_body: bool) -> QuerySet:
    columns = {
        "entry_kind": Value(EVENT, output_field=CharField()),
        "entry_id": F("pk"),
        "entry_title": F("title"),
        "entry_slug": F("slug"),
        "entry_time": F("published_at"),
        "entry_updated": F("updated_at"),
        "entry_summary": F("teaser"),
        "entry_date": F("starts_on"),
    }
    if with_body:
        columns["entry_body"] = F("body")
    return events.order_by().values(**columns)


def press_feed(
    articles: QuerySet[Article],
    events: QuerySet[Event],
    *,
    kind: str | None = None,
    period: tuple[datetime, datetime] | None = None,
    with_body: bool = False,
) -> QuerySet:
    """Rows of the merged feed, newest first, for `to_entries` to turn into entries.

    `articles` and `events` are what the visitor may see (their published querysets); `kind`
    keeps one kind only (an article kind or EVENT) and `period` a span of publication times.
    Lazy: slicing and evaluating it is one query, counting it another.
    """
    if period is not None:
        start, end = period
        articles = articles.filter(published_at__gte=start, published_at__lt=end)
        events = events.filter(published_at__gte=start, published_at__lt=end)
    if kind == EVENT:
        return _event_rows(events, with_body).order_by(*ORDERING)
    if kind:
        return _article_rows(articles.filter(kind=kind), with_body).order_by(*ORDERING)
    merged = _article_rows(articles, with_body).union(_event_rows(events, with_body), all=True)
    return merged.order_by(*ORDERING)


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
                starts_on=row["entry_date"],
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
