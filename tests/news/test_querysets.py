"""Who sees what, when: drafts, scheduled and published items at frozen moments.

A scheduled item appears by itself at its publication time (no cron job): the querysets compare
with the clock at each query, so these tests only move the clock.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from news.models import Article, Event, Kind, Status
from tests.factories import make_article, make_event

pytestmark = pytest.mark.django_db

MOMENT = datetime(2022, 6, 11, 9, 0, tzinfo=UTC)  # 10:00 in London
SECOND = timedelta(seconds=1)
MICROSECOND = timedelta(microseconds=1)


def visible(model=Article):
    return set(model.objects.published().values_list("slug", flat=True))


@pytest.fixture
def items():
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        make_article(slug="published", published_at=MOMENT - timedelta(hours=1))
        make_article(slug="draft", status=Status.DRAFT, published_at=MOMENT - timedelta(days=2))
        make_article(slug="scheduled", published_at=MOMENT)
        make_article(slug="scheduled-draft", status=Status.DRAFT, published_at=MOMENT)


def test_a_draft_is_hidden(items):
    with time_machine.travel(MOMENT + timedelta(days=365), tick=False):
        assert "draft" not in visible()
        assert "scheduled-draft" not in visible()


def test_a_scheduled_item_is_hidden_until_the_moment(items):
    with time_machine.travel(MOMENT - SECOND, tick=False):
        assert visible() == {"published"}
    with time_machine.travel(MOMENT - MICROSECOND, tick=False):
        assert visible() == {"published"}


def test_a_scheduled_item_is_visible_at_the_exact_moment(items):
    with time_machine.travel(MOMENT, tick=False):
        assert visible() == {"published", "scheduled"}


def test_a_scheduled_item_stays_visible_after_the_moment(items):
    with time_machine.travel(MOMENT + timedelta(days=30), tick=False):
        assert visible() == {"published", "scheduled"}


def test_published_accepts_an_explicit_moment(items):
    assert set(Article.objects.published(MOMENT - SECOND).values_list("slug", flat=True)) == {
        "published"
    }
    assert "scheduled" in Article.objects.published(MOMENT).values_list("slug", flat=True)


def test_is_public_and_is_scheduled_follow_the_clock(items):
    scheduled = Article.objects.get(slug="scheduled")
    draft = Article.objects.get(slug="draft")
    with time_machine.travel(MOMENT - SECOND, tick=False):
        assert (scheduled.is_public, scheduled.is_scheduled) == (False, True)
        assert (draft.is_public, draft.is_scheduled) == (False, False)
    with time_machine.travel(MOMENT, tick=False):
        assert (scheduled.is_public, scheduled.is_scheduled) == (True, False)


def test_the_home_page_feature_waits_for_its_moment(items):
    Article.objects.filter(slug="scheduled").update(is_featured=True, kind=Kind.INTERVIEW)
    with time_machine.travel(MOMENT - SECOND, tick=False):
        assert Article.objects.home_featured().slug == "published"
    with time_machine.travel(MOMENT, tick=False):
        assert Article.objects.home_featured().slug == "scheduled"


def test_the_home_page_feature_ignores_other_kinds_and_drafts():
    with time_machine.travel(MOMENT, tick=False):
        make_article(slug="statement", kind=Kind.STATEMENT, is_featured=True)
        make_article(slug="draft", kind=Kind.SPEECH, is_featured=True, status=Status.DRAFT)
        assert Article.objects.home_featured() is None
        make_article(slug="speech", kind=Kind.SPEECH, published_at=MOMENT - timedelta(days=3))
        assert Article.objects.home_featured().slug == "speech"


def test_scheduled_events_are_hidden_until_the_moment():
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        make_event(slug="now", published_at=MOMENT - timedelta(hours=2))
        make_event(slug="later", published_at=MOMENT)
        make_event(slug="draft", status=Status.DRAFT, published_at=MOMENT - timedelta(days=1))
    with time_machine.travel(MOMENT - SECOND, tick=False):
        assert visible(Event) == {"now"}
    with time_machine.travel(MOMENT, tick=False):
        assert visible(Event) == {"now", "later"}


def test_upcoming_and_past_events_split_on_the_local_day():
    today = date(2022, 6, 11)
    make_event(slug="yesterday", starts_on=today - timedelta(days=1))
    make_event(slug="today", starts_on=today)
    make_event(slug="running", starts_on=today - timedelta(days=2), ends_on=today)
    make_event(slug="tomorrow", starts_on=today + timedelta(days=1))
    # 23:30 UTC on 10 June is already 11 June in London.
    with time_machine.travel(datetime(2022, 6, 10, 23, 30, tzinfo=UTC), tick=False):
        upcoming = set(Event.objects.upcoming().values_list("slug", flat=True))
        past = set(Event.objects.past().values_list("slug", flat=True))
    assert upcoming == {"today", "running", "tomorrow"}
    assert past == {"yesterday"}
