"""The archive ("All messages"): articles and events merged, newest first, paginated, filtered."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Kind, Status
from tests.factories import make_article, make_event
from tests.helpers import HEADER_QUERIES, frozen_at, main, page_queries, text, warm_header

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)


frozen = frozen_at(NOW)


def titles(response) -> list[str]:
    return re.findall(r'<h2 class="entry__title"><a href="[^"]+">([^<]+)</a>', main(response))


def ago(**delta):
    return NOW - timedelta(**delta)


def test_articles_and_events_are_merged_newest_first(client):
    make_article("Speech", published_at=ago(days=3))
    make_event("Visit", published_at=ago(days=1))
    make_article("Interview", kind=Kind.INTERVIEW, published_at=ago(days=2))
    make_event("Conference", published_at=ago(days=4))
    response = client.get("/news/")
    assert response.status_code == 200
    assert titles(response) == ["Visit", "Interview", "Speech", "Conference"]
    page = text(response)
    assert "Interview · 26 June 2022" in page
    assert "Event · 27 June 2022" in page


def test_entries_link_to_their_pages(client):
    article = make_article("Speech", published_at=ago(days=1))
    event = make_event("Visit")
    html = main(client.get("/news/"))
    assert f'href="{article.get_absolute_url()}"' in html
    assert f'href="{event.get_absolute_url()}"' in html


def test_drafts_and_scheduled_items_are_not_listed(client):
    make_article("Draft speech", status=Status.DRAFT)
    make_article("Scheduled speech", published_at=NOW + timedelta(seconds=1))
    make_event("Draft event", status=Status.DRAFT)
    make_event("Scheduled event", published_at=NOW + timedelta(days=1))
    make_article("Published speech", published_at=NOW)
    assert titles(client.get("/news/")) == ["Published speech"]


def test_twenty_a_page_and_the_next_page_follows_on(client):
    for n in range(25):
        make_article(f"Item {n:02d}", published_at=ago(hours=n))
    first = client.get("/news/")
    second = client.get("/news/?page=2")
    assert titles(first) == [f"Item {n:02d}" for n in range(20)]
    assert titles(second) == [f"Item {n:02d}" for n in range(20, 25)]
    assert '<nav class="pagination" aria-label="Pages">' in main(first)
    assert 'href="?page=2" rel="next"' in main(first)
    assert "Page 2 of 2" in text(second)


def test_pagination_keeps_the_filters(client):
    for n in range(21):
        make_event(f"Event {n}", published_at=ago(hours=n))
    html = main(client.get("/news/?kind=event&year=2022"))
    assert 'href="?kind=event&amp;year=2022&amp;page=2"' in html


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "9" * 40, "2"])
def test_bad_page_numbers_are_404(client, page):
    for n in range(3):
        make_article(published_at=ago(hours=n))
    assert client.get("/news/", {"page": page}).status_code == 404


def test_the_last_page_keyword_works(client):
    for n in range(21):
        make_article(f"Item {n:02d}", published_at=ago(hours=n))
    assert titles(client.get("/news/?page=last")) == ["Item 20"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("speech", ["Speech"]),
        ("interview", ["Interview"]),
        ("press-release", ["Press release"]),
        ("event", ["Visit"]),
        ("", ["Visit", "Interview", "Speech", "Press release"]),
    ],
)
def test_filter_by_kind(client, kind, expected):
    make_event("Visit", published_at=ago(days=1))
    make_article("Interview", kind=Kind.INTERVIEW, published_at=ago(days=2))
    make_article("Speech", kind=Kind.SPEECH, published_at=ago(days=3))
    make_article("Press release", kind=Kind.PRESS_RELEASE, published_at=ago(days=4))
    assert titles(client.get("/news/", {"kind": kind})) == expected


def test_filter_by_year_and_month_uses_local_time(client):
    # 23:30 UTC on 31 May 2022 is already 1 June in London.
    make_article("First of June in London", published_at=datetime(2022, 5, 31, 23, 30, tzinfo=UTC))
    make_article("Last of May", published_at=datetime(2022, 5, 31, 22, 30, tzinfo=UTC))
    make_event("New Year 2021", published_at=datetime(2021, 1, 1, 0, 0, tzinfo=UTC))
    assert titles(client.get("/news/?year=2022&month=6")) == ["First of June in London"]
    assert titles(client.get("/news/?year=2022&month=5")) == ["Last of May"]
    assert titles(client.get("/news/?year=2022")) == ["First of June in London", "Last of May"]
    assert titles(client.get("/news/?year=2021&kind=event")) == ["New Year 2021"]
    assert titles(client.get("/news/?year=2021&kind=speech")) == []


def test_the_year_list_offers_the_years_with_content(client):
    make_article(published_at=datetime(2020, 3, 1, tzinfo=UTC))
    make_event(published_at=datetime(2022, 3, 1, tzinfo=UTC))
    make_article(status=Status.DRAFT, published_at=datetime(2019, 3, 1, tzinfo=UTC))
    html = main(client.get("/news/?year=2022"))
    select = html[
        html.index('<select name="year"') : html.index("</select>", html.index('name="year"'))
    ]
    assert re.findall(r'<option value="(\d*)"', select) == ["", "2022", "2020"]
    assert '<option value="2022" selected>' in select


def test_the_filter_form_is_labelled_and_uses_get(client):
    html = main(client.get("/news/"))
    assert '<form class="filters" method="get" action="/news/"' in html
    for name, label in (("kind", "Kind"), ("year", "Year"), ("month", "Month")):
        assert f'<label for="id_{name}">{label}</label>' in html
        assert f'id="id_{name}"' in html


def test_an_empty_selection_says_so(client):
    make_article(published_at=datetime(2022, 6, 1, tzinfo=UTC))
    response = client.get("/news/?year=2020")
    assert response.status_code == 200
    assert "Nothing was published for this selection." in text(response)


@pytest.mark.parametrize(
    "query",
    [
        "kind=zzz",
        "year=abc",
        "year=-5",
        "year=99999999999999999999",
        "month=13",
        "month=0",
        "month=abc",
        "month=6",  # a month needs a year
        "year=2022&month=6.5",
        "kind=%00",
    ],
)
def test_bad_filter_values_are_a_404_with_a_message_never_a_500(client, query):
    make_article("Speech", published_at=ago(days=1))
    response = client.get(f"/news/?{query}")
    assert response.status_code == 404
    page = text(response)
    assert "These filters are not valid" in page
    assert titles(response) == []
    assert 'aria-invalid="true"' in main(response)


def test_filtered_by_kind_the_head_links_that_kinds_feeds(client):
    html = client.get("/news/?kind=speech").content.decode()
    assert 'href="/news/feed/speech/rss/"' in html
    assert 'href="/news/feed/speech/atom/"' in html


def test_one_h1_and_the_nav_marks_the_archive_current(client):
    html = client.get("/news/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="/news/" aria-current="page">All messages</a>' in html


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("count", [5, 50])
def test_query_count_is_constant(client, django_assert_num_queries, count):
    for n in range(count):
        make_article(f"Speech {n}", published_at=ago(hours=n))
        make_event(f"Event {n}", published_at=ago(hours=n, minutes=30))
    warm_header()
    # The years offered, the count and the page; then the change moments, once per version.
    with CaptureQueriesContext(connection) as first_visit:
        client.get("/news/?year=2022")
    assert len(first_visit) >= page_queries(3)
    # The years offered and the count are remembered until the content changes: only the page.
    with django_assert_num_queries(page_queries(1)):
        response = client.get("/news/?year=2022")
    assert len(titles(response)) == min(20, 2 * count)
    # A change makes the next visit a first one again, the header's rows read again too.
    make_article("One more", published_at=ago(minutes=1))
    with django_assert_num_queries(len(first_visit) + HEADER_QUERIES):
        client.get("/news/?year=2022")
