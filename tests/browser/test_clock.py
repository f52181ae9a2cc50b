"""The header clock keeps time in the browser, driven by Playwright's fake clock."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from tests.factories import make_clock, make_counter
from tests.helpers import visible_text

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def header_content():
    make_clock("Moscow", "Europe/Moscow", order=1)
    make_clock("London", "Europe/London", order=2)
    make_counter("the Salisbury incident", date(2018, 3, 4))


def clocks(page) -> list[str]:
    return page.locator(".clocks li").all_inner_texts()


def test_minutes_advance_without_a_reload(page, visit, header_content):
    page.clock.install(time=datetime(2022, 6, 28, 12, 46, 10, tzinfo=UTC))
    visit("/")
    assert clocks(page) == ["Moscow: 15:46", "London: 13:46"]
    assert page.locator("time[data-dateline]").inner_text() == "28 June 2022"
    assert page.locator(".counter__days").inner_text() == "1577"
    page.clock.run_for(60_000)
    assert clocks(page) == ["Moscow: 15:47", "London: 13:47"]
    london = page.locator('time[data-zone="Europe/London"]')
    assert london.get_attribute("datetime") == "2022-06-28T13:47+01:00"


def test_date_line_and_counters_roll_over_at_london_midnight(page, visit, header_content):
    # 23:59:30 in London, 01:59:30 the next day in Moscow.
    page.clock.install(time=datetime(2022, 6, 28, 22, 59, 30, tzinfo=UTC))
    visit("/")
    assert page.locator("time[data-dateline]").inner_text() == "28 June 2022"
    page.clock.run_for(60_000)
    assert page.locator("time[data-dateline]").inner_text() == "29 June 2022"
    assert page.locator("time[data-dateline]").get_attribute("datetime") == "2022-06-29"
    assert page.locator(".counter__days").inner_text() == "1578"
    assert clocks(page) == ["Moscow: 02:00", "London: 00:00"]
    audit_after_change(page)


def folded(text: str) -> str:
    return " ".join(text.split())


def served_and_written(page, visit, client, browser_locale, moments, served_part, written_part):
    """For each of `moments`: the part of the home page the server renders then (served_part
    of its HTML), and what the clock script has written there (the text of the written_part
    locator) in a page opened the day before the first moment, once it has reached it."""
    language = browser_locale.split("-")[0]
    served = []
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            # A browser preferring Russian is sent to /ru/, as the live page below is.
            home = client.get("/", HTTP_ACCEPT_LANGUAGE=language, follow=True)
            served.append(served_part(home.text))
    page.clock.install(time=moments[0] - timedelta(days=1))
    visit("/", run_audit=False)
    written = []
    for moment in moments:
        page.clock.set_system_time(moment)
        # The script's next tick is due at most 60.05 s after its last one.
        page.clock.run_for(61_000)
        written.append(folded(page.locator(written_part).inner_text()))
    return served, written


# Noon in London on the 15th of every month of 2022: every month's name, in BST and GMT.
MIDMONTHS = [datetime(2022, month, 15, 11, 0, tzinfo=UTC) for month in range(1, 13)]


@pytest.mark.parametrize("browser_locale", ["en-GB", "ru-RU"])
def test_the_date_line_the_clock_writes_is_the_one_the_server_writes(
    page, visit, client, browser_locale
):
    served, written = served_and_written(
        page,
        visit,
        client,
        browser_locale,
        MIDMONTHS,
        lambda html: re.search(r"<time [^>]*data-dateline>([^<]*)</time>", html)[1],
        "time[data-dateline]",
    )
    assert written == served
    if browser_locale == "ru-RU":
        assert served[5] == "15 июня 2022"  # the genitive month, and no "г."


@pytest.mark.parametrize("browser_locale", ["en-GB", "ru-RU"])
def test_a_counter_reads_after_midnight_as_the_server_words_it(page, visit, client, browser_locale):
    """Each plural form in both languages: "1 day has passed", "2 days have passed"; "Прошёл 1
    день", "Прошло 2 дня", "Прошло 5 дней", and 11, 21, 22, 25, 111."""
    since = date(2022, 1, 1)
    make_counter("the Salisbury incident", since, note="")
    served, written = served_and_written(
        page,
        visit,
        client,
        browser_locale,
        [
            datetime.combine(since + timedelta(days=days), time(11), tzinfo=UTC)
            for days in [1, 2, 5, 11, 21, 22, 25, 111]
        ],
        lambda html: folded(visible_text(re.search(r'<li class="counter".*?</li>', html, re.S)[0])),
        ".counter",
    )
    assert written == served
    if browser_locale == "ru-RU":
        assert served[:3] == [
            "Прошёл 1 день с момента the Salisbury incident",
            "Прошло 2 дня с момента the Salisbury incident",
            "Прошло 5 дней с момента the Salisbury incident",
        ]


def audit_after_change(page):
    from tests.browser.conftest import audit

    audit(page)
