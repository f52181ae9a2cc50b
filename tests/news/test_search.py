"""Search: ranked full-text search on PostgreSQL, the simpler word search over FTS5 indexes on
SQLite, and the page around both. Every test here runs on both databases and asserts what both
must do (what is SQLite's own is in test_sqlite_search.py)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import translation

from news import search
from news.lib.search_text import clean_query
from news.models import Article, Event, Kind, Status
from tests.factories import make_article, make_event
from tests.helpers import (
    assert_no_text_is_matched_with_like,
    frozen_at,
    main,
    page_queries,
    text,
    warm_header,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)


frozen = frozen_at(NOW)


def result_titles(response) -> list[str]:
    titles = re.findall(r'<h3 class="entry__title"><a href="[^"]+">(.*?)</a></h3>', main(response))
    return [re.sub(r"</?mark>", "", title) for title in titles]


def ago(**delta):
    return NOW - timedelta(**delta)


@pytest.fixture
def content():
    make_article(
        "Statement after the CSTO meeting in Yerevan",
        lead="The ministers adopted a statement on security.",
        body="<p>A plan of consultations between ministries.</p>",
        published_at=ago(days=10),
    )
    make_article(
        "Interview with the BBC",
        kind=Kind.INTERVIEW,
        lead="Questions on the Minsk agreements.",
        body="<p>The minister spoke of Yerevan only in passing.</p>",
        published_at=ago(days=5),
    )
    make_event(
        "News conference in Tehran",
        teaser="Two days of talks on cooperation.",
        body="<p>Trade and energy.</p>",
        published_at=ago(days=3),
    )
    make_article("Draft about Yerevan", status=Status.DRAFT, body="<p>Yerevan consultations</p>")
    make_article("Scheduled Yerevan speech", published_at=NOW + timedelta(minutes=1))
    make_event("Draft Yerevan event", status=Status.DRAFT, teaser="Yerevan cooperation")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CSTO", ["Statement after the CSTO meeting in Yerevan"]),  # title
        ("Minsk", ["Interview with the BBC"]),  # lead
        ("consultations", ["Statement after the CSTO meeting in Yerevan"]),  # body
        ("cooperation", ["News conference in Tehran"]),  # an event's teaser
        ("energy", ["News conference in Tehran"]),  # an event's body
        ("BBC Yerevan", ["Interview with the BBC"]),  # every word must match
        ("Tehran Yerevan", []),
        ("nothing-like-this", []),
    ],
)
def test_search_finds_published_articles_and_events_by_title_lead_and_body(
    client, content, query, expected
):
    response = client.get("/news/search/", {"q": query})
    assert response.status_code == 200
    assert result_titles(response) == expected


def test_title_matches_rank_above_body_matches(client, content):
    # The interview is newer, but mentions Yerevan only in its body.
    assert result_titles(client.get("/news/search/", {"q": "Yerevan"})) == [
        "Statement after the CSTO meeting in Yerevan",
        "Interview with the BBC",
    ]


def test_a_minus_word_excludes(client, content):
    assert result_titles(client.get("/news/search/", {"q": "Yerevan -BBC"})) == [
        "Statement after the CSTO meeting in Yerevan"
    ]


def test_drafts_and_scheduled_items_are_never_found(client, content):
    page = text(client.get("/news/search/", {"q": "Yerevan"}))
    assert "Draft" not in page and "Scheduled" not in page
    assert "2 results for “Yerevan”" in page


def test_matches_are_highlighted_in_the_title_and_the_excerpt(client, content):
    html = main(client.get("/news/search/", {"q": "consultations"}))
    assert "<mark>consultations</mark>" in html
    html = main(client.get("/news/search/", {"q": "CSTO"}))
    assert "the <mark>CSTO</mark> meeting" in html


def test_highlighting_cannot_inject_markup(client):
    make_article(
        "<b>Bold</b> claims about Yerevan",
        lead="<script>alert(1)</script> Yerevan",
        body="<p>&lt;img src=x onerror=alert(1)&gt; Yerevan <strong>talks</strong></p>",
    )
    html = main(client.get("/news/search/", {"q": "Yerevan"}))
    results = html[html.index('<ol class="item-list search-results"') :]
    assert "<b>" not in results and "<script" not in results and "<img" not in results
    assert "<strong>" not in results
    assert "&lt;b&gt;Bold&lt;/b&gt;" in results
    assert "&lt;img src=x onerror=alert(1)&gt;" in results
    assert "<mark>Yerevan</mark>" in results


@pytest.mark.usefixtures("no_page_cache")
def test_an_empty_search_shows_the_form_and_no_results(client, content, django_assert_num_queries):
    warm_header()
    for query in ("", "   ", "\x00"):
        with django_assert_num_queries(page_queries(0)):
            response = client.get("/news/search/", {"q": query})
        assert response.status_code == 200
        assert "result" not in text(response)
    response = client.get("/news/search/")
    html = main(response)
    assert html.count("<h1") == 1
    assert '<label for="id_q">Search the news</label>' in html
    assert 'type="search" name="q"' in html and 'maxlength="200"' in html
    assert '<form class="search-form" method="get" action="/news/search/" role="search">' in html


ODD_QUERIES = [
    '"',
    "'",
    '"unterminated phrase',
    "a\x00b",
    "\x01\x02\x1b[0m control",
    "emoji 🇷🇺🙂",
    "'; DROP TABLE news_article; --",
    "1' OR '1'='1",
    "-",
    "or",
    "-or",
    "the",
    "&|!():*<->",
    "\\",
    "%_%",
    "<script>alert(1)</script>",
    "Yerevan " * 2000,
    "x" * 10_000,
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_a_page_never_an_error(client, content, query):
    response = client.get("/news/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html


def test_a_huge_query_is_cut_and_shown_cut(client, content):
    response = client.get("/news/search/", {"q": "Yerevan " + "x" * 10_000})
    value = re.search(r'name="q" value="([^"]*)"', main(response)).group(1)
    assert len(value) == 200
    assert value.startswith("Yerevan x")


def test_results_are_paginated(client):
    for n in range(25):
        make_article(f"Speech on security {n:02d}", published_at=ago(hours=n))
    first = client.get("/news/search/", {"q": "security"})
    second = client.get("/news/search/", {"q": "security", "page": 2})
    assert len(result_titles(first)) == 20 and len(result_titles(second)) == 5
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert "25 results for “security”" in text(first)
    assert 'href="?q=security&amp;page=2"' in main(first)
    assert '<ol class="item-list search-results" aria-labelledby="results-title" start="21">' in (
        main(second)
    )
    for page in ("abc", "0", "-1", "3"):
        assert client.get("/news/search/", {"q": "security", "page": page}).status_code == 404


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    ("language", "path"), [("en", "/news/search/"), ("ru", "/ru/news/search/")]
)
def test_a_results_page_costs_four_queries(
    client, content, django_assert_num_queries, language, path
):
    for n in range(10):
        make_article(f"Yerevan article {n}", published_at=ago(hours=n))
        make_event(f"Yerevan event {n}", published_at=ago(hours=n))
    with translation.override(language):  # remembered per language
        warm_header()
    # The count, the page of ids, the page's articles and the page's events, in any language.
    with django_assert_num_queries(page_queries(4)):
        response = client.get(path, {"q": "Yerevan"})
    assert len(result_titles(response)) == 20


def test_results_link_to_the_items_and_say_their_kind(client, content):
    html = main(client.get("/news/search/", {"q": "Tehran"}))
    event = Event.objects.get(title="News conference in Tehran")
    assert f'href="{event.get_absolute_url()}"' in html
    assert '<span class="item-kind">Event</span>' in html


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_search_uses_the_database_text_search_where_there_is_one(content, language):
    """PostgreSQL: the query matches the stored vector columns of the page's language, so among
    many published items of a realistic length the planner serves it from their GIN indexes
    (news.search_vectors). SQLite: the words are matched in the tables' FTS5 indexes of the
    language (news.sqlite_search_index), not with LIKE."""
    routine = "<p>Routine text about the week's meetings and visits.</p>" * 25
    texts = {"title_en": "Routine", "title_ru": "Обычное", "body_en": routine, "body_ru": routine}
    Article.objects.bulk_create(
        Article(
            slug=f"routine-{n}",
            status=Status.PUBLISHED,
            published_at=ago(hours=n),
            **texts,
        )
        for n in range(1500)
    )
    Event.objects.bulk_create(
        Event(
            slug=f"routine-{n}",
            status=Status.PUBLISHED,
            published_at=ago(hours=n),
            starts_on=NOW.date(),
            **texts,
        )
        for n in range(1500)
    )
    with translation.override(language):
        query = clean_query("Yerevan security")
        matches = search.matches(query)
        sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE news_article")
            cursor.execute("ANALYZE news_event")
            # Whether the vector's index can serve the query (text matching could not): the
            # planner's own choice also weighs the dead index entries that earlier tests'
            # rolled-back rows leave in the test database until a VACUUM.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on news_article_search_vector_{language}_idx" in plan
            assert f"Bitmap Index Scan on news_event_search_vector_{language}_idx" in plan
            assert "websearch_to_tsquery" in sql
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
            assert f"SCAN news_article_fts_{language} VIRTUAL TABLE INDEX" in plan
            assert f"SCAN news_event_fts_{language} VIRTUAL TABLE INDEX" in plan
            assert_no_text_is_matched_with_like(sql)
        cursor.execute(sql, params)
        assert len(cursor.fetchall()) == 1
