"""The header every page carries: date line, clocks, counters, consular contact."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from embassy.sitewide import header
from tests.factories import make_article, make_clock, make_contact_point, make_counter, make_event
from tests.helpers import text

pytestmark = pytest.mark.django_db

CAPTURE_MOMENT = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)


@pytest.fixture
def demo(capsys):
    call_command("load_demo", "--no-accounts")


@time_machine.travel(CAPTURE_MOMENT, tick=False)
def test_home_page_shows_the_reference_capture_figures(client, demo):
    response = client.get("/")
    page = text(response)
    assert "28 June 2022" in page
    assert "Moscow: 15:46" in page
    assert "London: 13:46" in page
    assert "1577 days have passed since the Salisbury incident -" in page
    assert "1569 days have passed since the death of Nikolay Glushkov" in page
    assert "Consular queries:" in page
    assert "020 7946 0321" in page.replace("+44 20", "020")
    html = response.content.decode()
    assert '<time datetime="2022-06-28T15:46+03:00" data-zone="Europe/Moscow">15:46</time>' in html
    assert '<time datetime="2022-06-28T13:46+01:00" data-zone="Europe/London">13:46</time>' in html
    assert 'href="mailto:consular@example.org"' in html


@time_machine.travel(CAPTURE_MOMENT, tick=False)
def test_home_page_sections_on_the_demo_content(client, demo):
    page = text(client.get("/"))
    assert "SPEECHES, INTERVIEWS, ARTICLES" in page.upper()
    assert "11.06.2022" in page
    assert "CSTO Council of Foreign Ministers" in page
    assert "https://mid.ru/en/foreign_policy/news/1817245/" in page
    assert "Latest events" in page
    assert "24.06.2022 - Interview with Belarusian state television" in page
    assert "All messages" in page
    # Latest events newest first.
    assert page.index("24.06.2022") < page.index("23.06.2022") < page.index("07.05.2022")


def test_home_page_empty_states(client):
    page = text(client.get("/"))
    assert "Nothing has been published here yet." in page
    assert "No events have been published yet." in page
    assert "All messages" in page


@pytest.mark.parametrize(
    ("moment", "london"),
    [
        (datetime(2022, 3, 27, 0, 59, tzinfo=UTC), "00:59"),
        (datetime(2022, 3, 27, 1, 0, tzinfo=UTC), "02:00"),
        (datetime(2022, 10, 30, 0, 59, tzinfo=UTC), "01:59"),
        (datetime(2022, 10, 30, 1, 0, tzinfo=UTC), "01:00"),
    ],
)
def test_clock_across_daylight_saving_changes(client, moment, london):
    make_clock("London", "Europe/London")
    make_clock("Moscow", "Europe/Moscow", order=1)
    with time_machine.travel(moment, tick=False):
        page = text(client.get("/"))
    assert f"London: {london}" in page
    # Moscow keeps UTC+3 all year.
    assert f"Moscow: {moment.hour + 3:02d}:{moment.minute:02d}" in page


def test_date_line_and_counters_roll_over_at_local_midnight_not_utc(client):
    make_counter(event_date=date(2018, 3, 4))
    with time_machine.travel(datetime(2022, 6, 28, 22, 59, tzinfo=UTC), tick=False):
        page = text(client.get("/"))
        assert "28 June 2022" in page and "1577 days" in page
    # 23:00 UTC is midnight in London (BST): the next day there, though still 28 June in UTC.
    with time_machine.travel(datetime(2022, 6, 28, 23, 0, tzinfo=UTC), tick=False):
        page = text(client.get("/"))
        assert "29 June 2022" in page and "1578 days" in page


def test_winter_midnight_rollover(client):
    make_counter(event_date=date(2022, 12, 1))
    with time_machine.travel(datetime(2022, 12, 1, 23, 59, tzinfo=UTC), tick=False):
        assert "0 days have passed" in text(client.get("/"))
    with time_machine.travel(datetime(2022, 12, 2, 0, 0, tzinfo=UTC), tick=False):
        assert "1 day has passed since the Salisbury incident" in text(client.get("/"))


@time_machine.travel(CAPTURE_MOMENT, tick=False)
def test_future_and_hidden_counters_are_not_shown(client):
    make_counter("a shown event", date(2022, 6, 1))
    make_counter("a hidden event", date(2022, 6, 1), is_shown=False)
    # A future date cannot be saved through a form; one written directly is still not shown.
    make_counter("a future event", date(2022, 6, 29))
    page = text(client.get("/"))
    assert "27 days have passed since a shown event" in page
    assert "a hidden event" not in page
    assert "a future event" not in page


@time_machine.travel(CAPTURE_MOMENT, tick=False)
def test_every_page_carries_the_header(client, demo):
    from news.models import Article, Event

    paths = [
        "/",
        "/news/",
        Article.objects.first().get_absolute_url(),
        Event.objects.first().get_absolute_url(),
    ]
    for path in paths:
        page = text(client.get(path))
        assert "Moscow: 15:46" in page, path
        assert "1577 days" in page, path
        assert "Consular queries:" in page, path


@pytest.mark.usefixtures("no_page_cache")
def test_header_costs_a_fixed_number_of_queries_and_none_once_cached(client):
    def home_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        # ATOMIC_REQUESTS: inside the test's transaction the request also opens and releases a
        # savepoint. Those two statements are not the page's queries.
        statements = [query["sql"] for query in queries.captured_queries]
        return sum(not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) for sql in statements)

    make_clock()
    make_counter()
    make_contact_point(in_header=True)
    cold = home_queries()
    warm = home_queries()
    # Cached header rows: only the home page's own two queries remain.
    assert warm == 2
    # Clocks and counters together, the contact point with its numbers, the urgent notices; and
    # the pages of the menu and the footer (embassy/pages/navigation.py).
    assert cold == warm + 4
    # The budget: the home page with nothing cached makes at most six queries.
    assert cold <= 6
    for n in range(30):
        make_clock(f"City {n}", "Europe/Paris")
        make_counter(f"event {n}", date(2020, 1, 1))
        make_article(title=f"Speech {n}")
        make_event(title=f"Event {n}")
    make_contact_point("Visas", numbers=["+44 20 7946 0001", "+44 20 7946 0002"])
    assert home_queries() == cold
    assert home_queries() == warm


def test_a_saved_change_shows_on_the_next_request(client):
    contact_point = make_contact_point(in_header=True)
    assert "consular@example.org" in text(client.get("/"))
    contact_point.email = "visas@example.org"
    contact_point.save()
    assert "visas@example.org" in text(client.get("/"))
    contact_point.phone_numbers.all().delete()
    assert "7946" not in text(client.get("/"))


def test_rows_cached_by_another_reader_before_the_commit_are_dropped_at_commit(
    django_capture_on_commit_callbacks,
):
    from embassy.infrastructure import caching

    make_clock("London", "Europe/London")
    rows_before = header.cached_rows()
    with django_capture_on_commit_callbacks(execute=True):
        make_clock("Paris", "Europe/Paris")
        # Another process reads between the save and the commit: it sees the old rows and
        # remembers them under the version the save made.
        remembered = caching.remember(
            header.REMEMBERED_AS, lambda: rows_before, changes_by_itself=False
        )
        assert remembered == rows_before
        assert header.cached_rows() == rows_before
    assert [str(city) for city, _ in header.cached_rows().clocks] == ["London", "Paris"]


def test_plural_samples_give_a_count_of_each_plural_form():
    assert header.plural_samples("en") == (0, 1)  # "0 days", "1 day"
    assert header.plural_samples("ru") == (0, 1, 2)  # "0 дней", "1 день", "2 дня"
