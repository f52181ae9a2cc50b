"""The archive reads its pages through the published-items indexes, not by scanning and sorting
the tables: what keeps its first and its last pages fast at 100,000 items (`make bench` times
them). PostgreSQL's plans are read with EXPLAIN, SQLite's with EXPLAIN QUERY PLAN."""

import math
from datetime import UTC, datetime, timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import listing
from news.models import Article, Event, Kind, Status

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
PAGE = 20


@pytest.fixture
def large_archive():
    """Enough rows, drafts among them, for the planner to prefer an index to a scan. Some
    articles and events share a publication time, so the order's tie-breaks are exercised."""
    Article.objects.bulk_create(
        Article(
            title=f"Statement {n}",
            slug=f"statement-{n}",
            kind=Kind.STATEMENT if n % 3 else Kind.SPEECH,
            status=Status.PUBLISHED if n % 10 else Status.DRAFT,
            published_at=NOW - timedelta(hours=n // 2),
            body="<p>Text.</p>",
        )
        for n in range(4000)
    )
    Event.objects.bulk_create(
        Event(
            title=f"Visit {n}",
            slug=f"visit-{n}",
            status=Status.PUBLISHED,
            published_at=NOW - timedelta(hours=n * 2),
            starts_on=(NOW - timedelta(hours=n)).date(),
            body="<p>Text.</p>",
        )
        for n in range(1000)
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE news_article")
            cursor.execute("ANALYZE news_event")
        else:
            cursor.execute("ANALYZE")


def feed(**filters) -> listing.PressFeed:
    return listing.press_feed(
        Article.objects.published(NOW), Event.objects.published(NOW), **filters
    )


def plan_of(queryset) -> str:
    return plan_of_sql(*queryset.query.sql_with_params())


def assert_read_through_indexes(plan: str, *indexes: str) -> None:
    for index in indexes:
        assert index in plan, plan
    if connection.vendor == "postgresql":
        assert ("Index Scan" in plan or "Index Only Scan" in plan) and "Seq Scan" not in plan, plan
    else:
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan.upper(), plan


@pytest.mark.parametrize("where", ["first", "last"])
def test_the_first_and_the_last_page_are_read_through_the_indexes(large_archive, where):
    rows = feed()
    count = rows.count()
    start = 0 if where == "first" else (math.ceil(count / PAGE) - 1) * PAGE
    query, oldest_first, keys_only = rows.query_for(start, start + PAGE)
    assert oldest_first == (where == "last")
    assert not keys_only
    assert_read_through_indexes(plan_of(query), "article_feed_idx", "event_feed_idx")


# Outside a transaction: PostgreSQL reads an index alone only for pages VACUUM has marked all
# visible, as autovacuum keeps them in production; VACUUM can't run inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_a_middle_page_reads_its_keys_from_the_indexes_alone(large_archive):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE news_article")
            cursor.execute("VACUUM ANALYZE news_event")
    rows = feed()
    middle = rows.count() // 2 // PAGE * PAGE
    query, _, keys_only = rows.query_for(middle, middle + PAGE)
    assert keys_only
    plan = plan_of(query)
    assert_read_through_indexes(plan, "article_feed_idx", "event_feed_idx")
    if connection.vendor == "postgresql":
        assert plan.count("Index Only Scan") == 2, plan
    else:
        assert plan.count("COVERING INDEX") == 2, plan


def test_one_kind_is_read_through_an_index(large_archive):
    query, _, _ = feed(kind=Kind.SPEECH).query_for(40, 60)
    plan = plan_of(query)
    assert "article_kind_idx" in plan or "article_feed_idx" in plan, plan
    assert_read_through_indexes(plan)


def test_every_page_holds_the_rows_a_full_sort_puts_there(large_archive):
    """Pages read newest first and pages read oldest first (the older half) fit together."""
    everything = sorted(
        [("article", a.kind, a.pk, a.published_at) for a in Article.objects.published(NOW)]
        + [("event", "event", e.pk, e.published_at) for e in Event.objects.published(NOW)],
        key=lambda row: (row[3], row[1], row[2]),
        reverse=True,
    )
    paginator = Paginator(feed(), PAGE)
    assert paginator.count == len(everything) == 4600
    # Newest first: 1, 2 in one query, 115 and 116 by their keys; oldest first: 170 by its
    # keys, 229 and 230 in one query.
    for number in (1, 2, 115, 116, 170, 229, 230):
        page = paginator.page(number)
        got = [(row["entry_kind"], row["entry_id"]) for row in page.object_list]
        expected = everything[(number - 1) * PAGE : number * PAGE]
        assert got == [(kind, pk) for _, kind, pk, _ in expected], number


def plan_of_sql(sql: str, params=None) -> str:
    """The plan PostgreSQL's EXPLAIN or SQLite's EXPLAIN QUERY PLAN gives for the query."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def only_query(run) -> str:
    with CaptureQueriesContext(connection) as captured:
        run()
    (query,) = captured.captured_queries
    return query["sql"]


@pytest.mark.parametrize(
    ("name", "run", "index", "in_index_order"),
    [
        ("featured", lambda: Article.objects.home_featured(NOW), "article_home_idx", True),
        (
            "latest events",
            lambda: list(Event.objects.published(NOW).latest_first()[:10]),
            "event_latest_idx",
            True,
        ),
        # Found by their last day, then the few of them sorted.
        (
            "upcoming events",
            lambda: list(
                Event.objects.published(NOW)
                .upcoming(NOW.date())
                .order_by("starts_on", "starts_at", "pk")[:50]
            ),
            "event_last_day_idx",
            False,
        ),
    ],
)
def test_the_home_page_and_the_events_list_read_through_their_indexes(
    large_archive, name, run, index, in_index_order
):
    plan = plan_of_sql(only_query(run))
    assert index in plan, plan
    assert "Seq Scan" not in plan, plan
    if in_index_order:
        assert "TEMP B-TREE FOR ORDER BY" not in plan.upper(), plan
