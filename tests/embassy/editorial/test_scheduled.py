"""Scheduled changes: an approved change with a publication time is applied at that time by
the first request after it (no cron), exactly once, and the cached pages expire then; the
management command does the same for those who prefer cron."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from embassy.editorial.models import Change, State
from embassy.infrastructure import caching
from tests.factories import make_article
from tests.helpers import frozen_at, text

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
AT = NOW + timedelta(hours=5)
frozen = frozen_at(NOW)


@pytest.fixture
def scheduled(press_editor, press_publisher):
    """A change to a live article ("Talks in Moscow"), approved to be published at AT."""
    article = make_article(title="Talks in Yerevan")
    article.title_en = "Talks in Moscow"
    change = Change.prepare(article, author=press_editor)
    change.submit(by=press_editor, publish_at=AT)
    change.approve(by=press_publisher)
    assert change.state == State.APPROVED
    return change


def test_a_scheduled_change_is_published_by_the_first_visit_after_its_time(
    scheduled, visitor, frozen, django_assert_num_queries
):
    address = scheduled.item.get_absolute_url()
    frozen.move_to(AT - timedelta(seconds=20))
    page = visitor.get(address)
    assert "Talks in Yerevan" in text(page)
    # The page cache (and the edge, by s-maxage) keeps the page no longer than until then.
    assert "s-maxage=20" in page["Cache-Control"]
    # Before its time, a cached page costs no query: nothing is due.
    with django_assert_num_queries(0):
        assert visitor.get(address)["X-Page-Cache"] == "hit"

    frozen.move_to(AT)
    assert "Talks in Moscow" in text(visitor.get(address))
    scheduled.refresh_from_db()
    assert scheduled.state == State.PUBLISHED and scheduled.applied_at == AT


def test_a_scheduled_change_is_applied_exactly_once(scheduled, visitor, frozen):
    from reversion.models import Version

    item = scheduled.item
    versions = Version.objects.get_for_object(item).count()
    visitor.get(item.get_absolute_url())
    frozen.move_to(AT + timedelta(minutes=1))
    for _ in range(3):
        visitor.get(item.get_absolute_url())
        frozen.shift(timedelta(seconds=2))
    assert Change.objects.get().state == State.PUBLISHED
    assert Change.objects.apply_due() == []
    assert Version.objects.get_for_object(item).count() == versions + 1


def test_a_change_due_while_nobody_visited_is_applied_at_the_next_visit(scheduled, visitor, frozen):
    frozen.move_to(AT + timedelta(days=2))
    caching.content_changed()  # as after a restart with an empty cache
    address = scheduled.item.get_absolute_url()
    visitor.get(address)  # works out the moments: the overdue change is due now
    frozen.shift(timedelta(seconds=2))
    assert "Talks in Moscow" in text(visitor.get(address))


def test_the_command_publishes_due_changes(scheduled, frozen, capsys):
    call_command("publish_due_changes")
    assert Change.objects.get().state == State.APPROVED
    frozen.move_to(AT)
    call_command("publish_due_changes")
    assert "1 change(s) published." in capsys.readouterr().out
    assert scheduled.item.title_en == "Talks in Moscow"


def test_a_scheduled_change_that_no_longer_validates_goes_back_to_its_author(scheduled, frozen):
    make_article(slug="taken")
    scheduled.values["slug"] = "taken"
    scheduled.save()
    frozen.move_to(AT)
    assert Change.objects.apply_due() == []
    scheduled.refresh_from_db()
    assert scheduled.state == State.SENT_BACK
    assert "It could not be published" in scheduled.decision_note


def test_due_changes_are_locked_so_that_another_worker_skips_them(scheduled, frozen):
    """On PostgreSQL each due change is read with FOR UPDATE SKIP LOCKED: of two workers, the
    one that finds it locked leaves it to the other. SQLite has one writer at a time, and the
    change is read again in the transaction that applies it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    frozen.move_to(AT)
    with CaptureQueriesContext(connection) as queries:
        Change.objects.apply_due()
    locks = any("FOR UPDATE SKIP LOCKED" in query["sql"] for query in queries)
    assert locks is connection.features.has_select_for_update_skip_locked
    assert Change.objects.get().state == State.PUBLISHED


def test_an_editor_asks_for_a_publication_time_when_submitting(editor, publisher, frozen):
    from .forms import article_form

    article = make_article(title="Talks in Yerevan")
    form = article_form(article, "_submit", title="Talks in Moscow", _publish_at="2022-06-28T18:00")
    editor.post(f"/admin/news/article/{article.pk}/change/", form)
    change = Change.objects.get()
    assert change.publish_at == datetime(2022, 6, 28, 17, 0, tzinfo=UTC)  # 18:00 in London
    publisher.post(f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"})
    change.refresh_from_db()
    assert change.state == State.APPROVED
    frozen.move_to(datetime(2022, 6, 28, 17, 0, tzinfo=UTC))
    Change.objects.apply_due()
    article.refresh_from_db()
    assert article.title_en == "Talks in Moscow"


def test_a_publication_time_not_understood_keeps_the_change_a_draft(editor):
    from .forms import article_form

    article = make_article(title="Talks in Yerevan")
    form = article_form(article, "_submit", title="Talks in Moscow", _publish_at="tomorrow")
    response = editor.post(f"/admin/news/article/{article.pk}/change/", form, follow=True)
    assert "The publication time was not understood" in text(response)
    assert Change.objects.get().state == State.DRAFT
