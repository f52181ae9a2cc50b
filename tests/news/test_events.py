"""The events list (upcoming and past apart) and the event pages."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User

from news.models import Status
from tests.factories import make_event
from tests.helpers import (
    frozen_at,
    json_ld,
    main,
    meta,
    page_queries,
    text,
    verified_login,
    warm_header,
)

pytestmark = pytest.mark.django_db

# Noon in London on 28 June 2022.
NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
TODAY = date(2022, 6, 28)


frozen = frozen_at(NOW)


def section(response, heading_id: str) -> str:
    html = main(response)
    start = html.index(f'id="{heading_id}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_upcoming_and_past_events_are_listed_apart(client):
    make_event("Tomorrow", starts_on=TODAY + timedelta(days=1))
    make_event("Today", starts_on=TODAY)
    make_event("Next month", starts_on=date(2022, 7, 20))
    make_event("Yesterday", starts_on=TODAY - timedelta(days=1))
    make_event("Last week", starts_on=TODAY - timedelta(days=7))
    make_event(
        "Began yesterday, ends tomorrow",
        starts_on=TODAY - timedelta(days=1),
        ends_on=TODAY + timedelta(days=1),
    )
    response = client.get("/news/events/")
    assert response.status_code == 200
    # Upcoming: soonest first; an event under way counts as upcoming.
    assert titles(section(response, "upcoming-title")) == [
        "Began yesterday, ends tomorrow",
        "Today",
        "Tomorrow",
        "Next month",
    ]
    # Past: most recent first.
    assert titles(section(response, "past-title")) == ["Yesterday", "Last week"]


def test_an_event_moves_to_the_past_at_local_midnight(client):
    make_event("Today", starts_on=TODAY)
    # 23:00 UTC on 28 June is midnight in London (BST).
    with time_machine.travel(datetime(2022, 6, 28, 22, 59, tzinfo=UTC), tick=False):
        assert titles(section(client.get("/news/events/"), "upcoming-title")) == ["Today"]
    with time_machine.travel(datetime(2022, 6, 28, 23, 0, tzinfo=UTC), tick=False):
        assert titles(section(client.get("/news/events/"), "past-title")) == ["Today"]


def test_drafts_and_scheduled_events_are_not_listed(client):
    make_event("Draft", status=Status.DRAFT, starts_on=TODAY + timedelta(days=1))
    make_event("Scheduled", published_at=NOW + timedelta(minutes=5), starts_on=TODAY)
    make_event("Old draft", status=Status.DRAFT, starts_on=TODAY - timedelta(days=5))
    page = text(client.get("/news/events/"))
    assert "No upcoming events have been announced." in page
    assert "No past events yet." in page


def test_past_events_are_paginated_and_bad_pages_are_404(client):
    for n in range(1, 26):
        make_event(f"Past {n:02d}", starts_on=TODAY - timedelta(days=n))
    make_event("Upcoming", starts_on=TODAY + timedelta(days=3))
    first = client.get("/news/events/")
    second = client.get("/news/events/?page=2")
    assert titles(section(first, "past-title")) == [f"Past {n:02d}" for n in range(1, 21)]
    assert titles(section(second, "past-title")) == [f"Past {n:02d}" for n in range(21, 26)]
    for page in ("abc", "0", "-1", "3"):
        assert client.get("/news/events/", {"page": page}).status_code == 404


def test_events_page_links_the_calendar_feed(client):
    html = client.get("/news/events/").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="/news/events.ics"' in main(client.get("/news/events/"))
    assert 'href="/news/events/" aria-current="page">Events</a>' in html


@pytest.mark.usefixtures("no_page_cache")
def test_events_list_costs_two_queries_once_the_count_is_remembered(
    client, django_assert_num_queries
):
    for n in range(30):
        make_event(f"Past {n}", starts_on=TODAY - timedelta(days=n + 1))
        make_event(f"Upcoming {n}", starts_on=TODAY + timedelta(days=n))
    warm_header()
    client.get("/news/events/")
    # The upcoming events and the page of past ones; their count is remembered.
    with django_assert_num_queries(page_queries(2)):
        assert client.get("/news/events/").status_code == 200


def test_event_page_shows_date_time_place_teaser_body_and_source(client):
    event = make_event(
        "News conference in Tehran",
        slug="tehran",
        starts_on=date(2022, 6, 23),
        starts_at=time(14, 30),
        ends_at=time(16, 0),
        place="Tehran",
        teaser="Two days of talks.",
        body="<p>The ministers met.</p>",
        source_url="https://mid.ru/en/",
    )
    response = client.get("/news/events/tehran/")
    assert response.status_code == 200
    assert event.get_absolute_url() == "/news/events/tehran/"
    page, html = text(response), main(response)
    assert "Event · 23 June 2022, 14:30 \u2013 16:00 (UTC+01:00) · Tehran" in page
    assert html.count("<h1") == 1 and "<h1>News conference in Tehran</h1>" in html
    assert '<p class="lead">Two days of talks.</p>' in html
    assert "<p>The ministers met.</p>" in html
    assert 'href="https://mid.ru/en/"' in html
    assert '<time datetime="2022-06-23T14:30+01:00">' in html


def test_event_sharing_tags(client):
    make_event(
        "Visit", slug="visit", starts_on=date(2022, 7, 1), starts_at=time(10), place="Ankara"
    )
    response = client.get("/news/events/visit/")
    assert meta(response, "og:url") == "http://testserver/news/events/visit/"
    assert meta(response, "og:title") == "Visit"
    assert '<link rel="canonical" href="http://testserver/news/events/visit/">' in (
        response.content.decode()
    )
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["name"] == "Visit"
    assert data["startDate"] == "2022-07-01T10:00:00+01:00"
    assert data["location"]["name"] == "Ankara"
    assert "endDate" not in data


def test_an_all_day_event_has_dates_in_json_ld(client):
    make_event("Forum", slug="forum", starts_on=date(2022, 7, 1), ends_on=date(2022, 7, 3))
    data = json_ld(client.get("/news/events/forum/"))
    assert (data["startDate"], data["endDate"]) == ("2022-07-01", "2022-07-03")
    assert "location" not in data


def test_draft_and_scheduled_event_pages_are_404_for_visitors_and_previewed_by_staff(client):
    draft = make_event(slug="draft", status=Status.DRAFT)
    scheduled = make_event(slug="scheduled", published_at=NOW + timedelta(hours=1))
    for event in (draft, scheduled):
        assert client.get(event.get_absolute_url()).status_code == 404
    user = User.objects.create_user("press", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_event"))
    verified_login(client, user)
    for event in (draft, scheduled):
        response = client.get(event.get_absolute_url())
        assert response.status_code == 200
        assert "Not published." in text(response)


@pytest.mark.usefixtures("no_page_cache")
def test_event_page_costs_one_query(client, django_assert_num_queries):
    event = make_event(place="Moscow")
    warm_header()
    with django_assert_num_queries(page_queries(1)):
        assert client.get(event.get_absolute_url()).status_code == 200
