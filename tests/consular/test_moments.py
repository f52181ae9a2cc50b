"""The next moment the consular content changes by itself: what a page cache must expire at."""

from datetime import UTC, datetime, time

import pytest

from consular.models import Notice, OpeningHours
from consular.moments import next_change
from tests.factories import make_contact_point

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 9, 0, tzinfo=UTC)  # Tuesday, 10:00 in London


def test_nothing_due():
    make_contact_point()
    assert next_change(NOW) is None


def test_a_notice_start_or_end():
    Notice.objects.create(title="a", text="a", starts_at=datetime(2022, 6, 30, tzinfo=UTC))
    Notice.objects.create(
        title="b",
        text="b",
        starts_at=datetime(2022, 6, 1, tzinfo=UTC),
        ends_at=datetime(2022, 6, 29, tzinfo=UTC),
    )
    assert next_change(NOW) == datetime(2022, 6, 29, tzinfo=UTC)


def test_a_desk_closing_or_opening_comes_first(django_assert_num_queries):
    open_desk = make_contact_point("Visas")
    OpeningHours.objects.create(
        contact_point=open_desk, weekday=1, opens=time(9, 30), closes=time(12, 30)
    )
    closed_desk = make_contact_point("Passports")
    OpeningHours.objects.create(
        contact_point=closed_desk, weekday=1, opens=time(11), closes=time(12)
    )
    Notice.objects.create(title="a", text="a", starts_at=datetime(2022, 6, 30, tzinfo=UTC))
    with django_assert_num_queries(6):
        # Passports opens at 11:00 London time, before Visas closes at 12:30.
        assert next_change(NOW) == datetime(2022, 6, 28, 10, 0, tzinfo=UTC)
