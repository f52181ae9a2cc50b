"""The header clock keeps time in the browser, driven by Playwright's fake clock."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import make_clock, make_counter

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


def audit_after_change(page):
    from tests.browser.conftest import audit

    audit(page)
