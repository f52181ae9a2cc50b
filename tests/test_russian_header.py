"""The header in Russian across local midnight and both changes of summer time: the same
figures as in English, in Russian words ("29 июня 2022", "1578 дней"), the cities in Russian."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from tests.factories import make_clock, make_counter
from tests.helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def clocks():
    make_clock("London", "Europe/London")
    make_clock("Moscow", "Europe/Moscow", order=1)
    from embassy.sitewide.models import Clock

    Clock.objects.filter(city_en="London").update(city_ru="Лондон")
    Clock.objects.filter(city_en="Moscow").update(city_ru="Москва")


def russian_page(client) -> str:
    return text(client.get("/ru/"))


@pytest.mark.parametrize(
    ("moment", "london"),
    [
        (datetime(2022, 3, 27, 0, 59, tzinfo=UTC), "00:59"),
        (datetime(2022, 3, 27, 1, 0, tzinfo=UTC), "02:00"),
        (datetime(2022, 10, 30, 0, 59, tzinfo=UTC), "01:59"),
        (datetime(2022, 10, 30, 1, 0, tzinfo=UTC), "01:00"),
    ],
)
def test_the_clocks_across_the_changes_of_summer_time_in_russian(client, clocks, moment, london):
    with time_machine.travel(moment, tick=False):
        page = russian_page(client)
    assert f"Лондон: {london}" in page
    assert f"Москва: {moment.hour + 3:02d}:{moment.minute:02d}" in page


def test_the_date_line_and_counters_roll_over_at_london_midnight_in_russian(client):
    make_counter(event_name="the Salisbury incident", event_date=date(2018, 3, 4))
    with time_machine.travel(datetime(2022, 6, 28, 22, 59, tzinfo=UTC), tick=False):
        page = russian_page(client)
    assert "28 июня 2022" in page and "1577 дней" in page
    # 23:00 UTC is midnight in London (summer time): 29 June there.
    with time_machine.travel(datetime(2022, 6, 28, 23, 0, tzinfo=UTC), tick=False):
        page = russian_page(client)
    assert "29 июня 2022" in page and "1578 дней" in page


def test_the_winter_midnight_rollover_in_russian(client):
    make_counter(event_date=date(2022, 12, 1))
    with time_machine.travel(datetime(2022, 12, 1, 23, 59, tzinfo=UTC), tick=False):
        assert "1 декабря 2022" in russian_page(client)
        assert "0 дней" in russian_page(client)
    with time_machine.travel(datetime(2022, 12, 2, 0, 0, tzinfo=UTC), tick=False):
        page = russian_page(client)
    assert "2 декабря 2022" in page and "1 день" in page
