"""The home page's newsroom sections: the featured item and the latest events."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from news.models import Kind, Status
from tests.factories import make_article, make_event
from tests.helpers import frozen_at, main, page_queries, text, warm_header
from tests.news.image_files import jpeg_upload

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)


frozen = frozen_at(NOW)


def test_featured_item_shows_date_title_full_text_source_and_image(client):
    article = make_article(
        "Statement after the Council of Ministers",
        published_at=datetime(2022, 6, 11, 9, 0, tzinfo=UTC),
        body="<p>First paragraph.</p><p>Last paragraph of the full text.</p>",
        source_url="https://mid.ru/en/foreign_policy/news/1817245/",
        image=jpeg_upload(),
        image_alt="The ministers at the table",
    )
    response = client.get("/")
    page = text(response)
    html = main(response)
    assert "11.06.2022" in page
    assert f'href="{article.get_absolute_url()}">Statement after the Council of Ministers' in html
    assert "<p>First paragraph.</p><p>Last paragraph of the full text.</p>" in html
    assert 'href="https://mid.ru/en/foreign_policy/news/1817245/"' in html
    assert '<img src="' in html and 'alt="The ministers at the table"' in html


def test_a_featured_item_wins_over_newer_ones(client):
    make_article(
        "Featured interview",
        kind=Kind.INTERVIEW,
        is_featured=True,
        published_at=NOW - timedelta(days=5),
    )
    make_article("Newer speech", published_at=NOW - timedelta(days=1))
    page = text(client.get("/"))
    assert "Featured interview" in page
    assert "Newer speech" not in page


def test_without_a_featured_item_the_newest_of_the_home_kinds_is_shown(client):
    make_article("Older article", kind=Kind.ARTICLE, published_at=NOW - timedelta(days=3))
    make_article("Newest interview", kind=Kind.INTERVIEW, published_at=NOW - timedelta(days=1))
    # Other kinds never lead the home page, however new.
    make_article("Press release", kind=Kind.PRESS_RELEASE, published_at=NOW - timedelta(hours=1))
    page = text(client.get("/"))
    assert "Newest interview" in page
    assert "Older article" not in page and "Press release" not in page


def test_drafts_and_scheduled_items_never_reach_the_home_page(client):
    make_article("Draft speech", status=Status.DRAFT, is_featured=True)
    make_article("Scheduled speech", published_at=NOW + timedelta(minutes=1), is_featured=True)
    make_event("Draft event", status=Status.DRAFT)
    make_event("Scheduled event", published_at=NOW + timedelta(minutes=1))
    page = text(client.get("/"))
    for title in ("Draft speech", "Scheduled speech", "Draft event", "Scheduled event"):
        assert title not in page


def test_a_scheduled_item_appears_at_its_publication_moment(client):
    moment = NOW + timedelta(hours=2)
    make_article("Scheduled speech", published_at=moment)
    with time_machine.travel(moment - timedelta(seconds=1), tick=False):
        assert "Scheduled speech" not in text(client.get("/"))
    with time_machine.travel(moment, tick=False):
        assert "Scheduled speech" in text(client.get("/"))


def test_latest_events_show_date_title_and_teaser_newest_first_with_all_messages_link(client):
    make_event("Talks in Tehran", starts_on=date(2022, 6, 23), teaser="Two days of talks.")
    make_event("Interview in Moscow", starts_on=date(2022, 6, 24), teaser="On the press.")
    response = client.get("/")
    page = text(response)
    assert "24.06.2022 - Interview in Moscow" in page
    assert "23.06.2022 - Talks in Tehran" in page
    assert page.index("Interview in Moscow") < page.index("Talks in Tehran")
    assert "Two days of talks." in page
    assert 'href="/news/">All messages</a>' in main(response)


@pytest.mark.usefixtures("no_page_cache")
def test_home_page_costs_two_queries_however_much_content(client, django_assert_num_queries):
    for n in range(15):
        make_article(f"Speech {n}", published_at=timezone.now() - timedelta(hours=n))
        make_event(f"Event {n}")
    warm_header()
    with django_assert_num_queries(page_queries(2)):
        assert client.get("/").status_code == 200
