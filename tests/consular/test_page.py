"""The consular page: every desk with its numbers, email, address, notes and hours, open now or
not in the host city's time, and the office's JSON-LD."""

import re
from datetime import UTC, date, datetime, time

import pytest
import time_machine

from consular.models import HoursException, OpeningHours
from tests.factories import make_contact_point
from tests.helpers import json_ld, page_queries, text, visible_text

pytestmark = pytest.mark.django_db

PAGE = "/consular/"


def desk_text(response, contact_point) -> str:
    """The visible text of one desk's block on the page."""
    html = response.content.decode()
    match = re.search(
        rf'<article class="desk" id="{contact_point.anchor}".*?</article>', html, re.S
    )
    assert match, f"no block for {contact_point}"
    return visible_text(match.group(0))


def add_hours(contact_point, weekdays, opens, closes):
    for weekday in weekdays:
        OpeningHours.objects.create(
            contact_point=contact_point,
            weekday=weekday,
            opens=time.fromisoformat(opens),
            closes=time.fromisoformat(closes),
        )


@pytest.fixture
def visas():
    desk = make_contact_point(
        "Visas",
        numbers=["+44 20 7946 0322", "+7 495 000 00 00"],
        email="visas@example.org",
        address="1 Example Gardens\nLondon W8 0AA",
        notes="By appointment only.",
    )
    add_hours(desk, range(5), "09:30", "12:30")
    add_hours(desk, range(5), "14:00", "17:00")
    return desk


# A Tuesday: on the desk's closed days the table also says "(today)".
@time_machine.travel(datetime(2022, 6, 28, 12, 46, tzinfo=UTC), tick=False)
def test_every_desk_with_its_numbers_email_address_and_notes(client, visas):
    make_contact_point("Passports", numbers=["020 7946 0323"], email="passports@example.org")
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    visa_block = desk_text(response, visas)
    assert "Visas" in visa_block
    assert '<a href="tel:+442079460322">020 7946 0322</a>' in html
    assert '<a href="tel:+74950000000">+7 495 000' in html
    assert '<a href="mailto:visas@example.org">visas@example.org</a>' in html
    assert "1 Example Gardens<br>London W8 0AA" in html
    assert "By appointment only." in visa_block
    assert '<a href="tel:+442079460323">020 7946 0323</a>' in html
    assert f'href="/consular/contact/{visas.pk}.vcf"' in html
    # The week as a table, "Closed" on the days without hours.
    assert "Monday 09:30\u201312:30, 14:00\u201317:00" in visa_block
    assert "Saturday Closed" in visa_block


def test_the_page_is_linked_from_every_page(client):
    assert 'href="/consular/">Consular services</a>' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Tuesday 28 June 2022 (BST, UTC+1).
        (datetime(2022, 6, 28, 8, 29, tzinfo=UTC), "Closed now Opens today at 09:30"),
        (datetime(2022, 6, 28, 8, 30, tzinfo=UTC), "Open now Closes today at 12:30"),
        (datetime(2022, 6, 28, 11, 30, tzinfo=UTC), "Closed now Opens today at 14:00"),
        (datetime(2022, 6, 28, 16, 0, tzinfo=UTC), "Closed now Opens tomorrow at 09:30"),
        # Friday 1 July, 18:00: the next opening is on Monday.
        (datetime(2022, 7, 1, 17, 0, tzinfo=UTC), "Closed now Opens Monday at 09:30"),
        # Monday 23:30 UTC is already Tuesday 00:30 in London.
        (datetime(2022, 6, 27, 23, 30, tzinfo=UTC), "Closed now Opens today at 09:30"),
        # In winter London keeps UTC: 23:30 UTC on Monday is still Monday there.
        (datetime(2022, 12, 5, 23, 30, tzinfo=UTC), "Closed now Opens tomorrow at 09:30"),
    ],
)
def test_open_now_and_next_opening_in_the_host_city_time(client, visas, moment, expected):
    with time_machine.travel(moment, tick=False):
        assert expected in desk_text(client.get(PAGE), visas)


def test_spring_forward_night_a_desk_opening_in_the_skipped_hour(client):
    # The clocks jumped from 01:00 GMT to 02:00 BST at 01:00 UTC on Sunday 27 March 2022: the
    # desk's 01:30 never shows on a clock, so it opens at the jump, at 02:00.
    night = make_contact_point("Night desk", numbers=["020 7946 0330"])
    add_hours(night, [6], "01:30", "03:00")
    with time_machine.travel(datetime(2022, 3, 27, 0, 59, tzinfo=UTC), tick=False):
        assert "Closed now Opens today at 02:00" in desk_text(client.get(PAGE), night)
    with time_machine.travel(datetime(2022, 3, 27, 1, 0, tzinfo=UTC), tick=False):
        assert "Open now Closes today at 03:00" in desk_text(client.get(PAGE), night)
    with time_machine.travel(datetime(2022, 3, 27, 2, 0, tzinfo=UTC), tick=False):
        # 03:00 BST: closed until next Sunday's 01:30, which exists then.
        assert "Closed now Opens on 3 April at 01:30" in desk_text(client.get(PAGE), night)


def test_fall_back_night_a_desk_across_the_repeated_hour(client):
    # The clocks went back from 02:00 BST to 01:00 GMT at 01:00 UTC on Sunday 30 October 2022.
    night = make_contact_point("Night desk", numbers=["020 7946 0330"])
    add_hours(night, [6], "01:30", "03:00")
    with time_machine.travel(datetime(2022, 10, 30, 0, 29, tzinfo=UTC), tick=False):
        assert "Closed now Opens today at 01:30" in desk_text(client.get(PAGE), night)
    # 01:30 GMT, the second time the clocks read 01:30: still open from the first.
    with time_machine.travel(datetime(2022, 10, 30, 1, 30, tzinfo=UTC), tick=False):
        assert "Open now Closes today at 03:00" in desk_text(client.get(PAGE), night)
    with time_machine.travel(datetime(2022, 10, 30, 3, 0, tzinfo=UTC), tick=False):
        assert "Closed now" in desk_text(client.get(PAGE), night)


def test_an_exception_day_closes_the_desk_and_is_listed(client, visas):
    HoursException.objects.create(contact_point=visas, date=date(2022, 12, 26), reason="Boxing Day")
    HoursException.objects.create(
        contact_point=visas,
        date=date(2022, 12, 23),
        opens=time(9, 30),
        closes=time(11),
        reason="Christmas party",
    )
    # Friday 23 December, 11:30: the special hours have ended; Monday is closed.
    with time_machine.travel(datetime(2022, 12, 23, 11, 30, tzinfo=UTC), tick=False):
        block = desk_text(client.get(PAGE), visas)
    assert "Closed now Opens Tuesday at 09:30" in block
    assert "Friday 23 December : 09:30\u201311:00 (Christmas party)" in block
    assert "Monday 26 December : closed (Boxing Day)" in block
    with time_machine.travel(datetime(2022, 12, 23, 10, 0, tzinfo=UTC), tick=False):
        assert "Open now Closes today at 11:00" in desk_text(client.get(PAGE), visas)
    # Once the day has passed it is no longer listed.
    with time_machine.travel(datetime(2022, 12, 27, 9, 0, tzinfo=UTC), tick=False):
        block = desk_text(client.get(PAGE), visas)
    assert "Boxing Day" not in block and "Christmas party" not in block


def test_the_week_table_shows_todays_closure(client, visas):
    HoursException.objects.create(contact_point=visas, date=date(2022, 12, 26), reason="Boxing Day")
    # Monday 26 December, 10:00: the usual Monday hours do not apply today.
    with time_machine.travel(datetime(2022, 12, 26, 10, 0, tzinfo=UTC), tick=False):
        block = desk_text(client.get(PAGE), visas)
    assert "Monday (today) Closed (Boxing Day)" in block
    assert "Tuesday 09:30\u201312:30, 14:00\u201317:00 Wednesday" in block


def test_the_week_table_shows_shorter_hours_today_and_the_coming_days_changes(client, visas):
    HoursException.objects.create(
        contact_point=visas,
        date=date(2022, 12, 23),
        opens=time(9, 30),
        closes=time(11),
        reason="Christmas party",
    )
    HoursException.objects.create(contact_point=visas, date=date(2022, 12, 26), reason="Boxing Day")
    # An exception a week later than the row's next date does not change the row.
    HoursException.objects.create(contact_point=visas, date=date(2023, 1, 3), reason="Stocktaking")
    # Friday 23 December, 09:00: the rows show each weekday's next date, today to Thursday.
    with time_machine.travel(datetime(2022, 12, 23, 9, 0, tzinfo=UTC), tick=False):
        block = desk_text(client.get(PAGE), visas)
    assert "Monday Closed (Boxing Day) Tuesday 09:30\u201312:30, 14:00\u201317:00 " in block
    assert "Friday (today) 09:30\u201311:00 (Christmas party) Saturday Closed Sunday" in block


def test_a_desk_without_hours_shows_no_status(client):
    desk = make_contact_point("Honorary consul", numbers=["020 7946 0340"])
    block = desk_text(client.get(PAGE), desk)
    assert "Open now" not in block and "Closed now" not in block
    assert "Opening hours" not in block


def test_around_the_clock(client):
    desk = make_contact_point("Emergency assistance", numbers=["020 7946 0999"])
    add_hours(desk, range(7), "00:00", "00:00")
    with time_machine.travel(datetime(2022, 3, 27, 1, 0, tzinfo=UTC), tick=False):
        block = desk_text(client.get(PAGE), desk)
    assert "Open now Open around the clock" in block
    assert block.count("all day") == 7


def test_empty_state(client):
    assert "have not been published yet" in text(client.get(PAGE))


@pytest.mark.usefixtures("no_page_cache")
def test_query_count_does_not_grow_with_desks(client, django_assert_num_queries):
    def add_desk(n):
        desk = make_contact_point(f"Desk {n}", numbers=[f"+44 20 7946 05{n:02d}", "020 7946 0600"])
        add_hours(desk, range(5), "09:00", "12:00")
        add_hours(desk, range(5), "13:00", "17:00")
        HoursException.objects.create(contact_point=desk, date=date(2030, 1, 1), reason="New Year")

    add_desk(0)
    client.get(PAGE)  # the header's rows are cached from here on
    # Desks, their numbers, hours and exceptions, the notices.
    expected = page_queries(5)
    with django_assert_num_queries(expected):
        client.get(PAGE)
    for n in range(1, 12):
        add_desk(n)
    client.get(PAGE)
    with django_assert_num_queries(expected):
        response = client.get(PAGE)
    assert text(response).count("Save as a contact card") == 12


@time_machine.travel(datetime(2022, 6, 28, 12, 0, tzinfo=UTC), tick=False)
def test_json_ld_describes_the_office_its_contact_points_and_hours(client, visas):
    queries = make_contact_point("Consular queries", in_header=True, address="1 Example Gardens")
    add_hours(queries, [0, 2], "10:00", "13:00")
    HoursException.objects.create(contact_point=queries, date=date(2022, 7, 4), reason="Closed")
    data = json_ld(client.get(PAGE))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["url"] == "http://testserver/consular/"
    # The office's own details are the header desk's.
    assert data["telephone"] == "+442079460321"
    assert data["address"] == "1 Example Gardens"
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Wednesday"],
            "opens": "10:00",
            "closes": "13:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2022-07-04",
            "validThrough": "2022-07-04",
            "opens": "00:00",
            "closes": "00:00",
        },
    ]
    points = {point["name"]: point for point in data["contactPoint"]}
    assert set(points) == {"Visas", "Consular queries"}
    assert points["Visas"]["@type"] == "ContactPoint"
    assert points["Visas"]["telephone"] == ["+442079460322", "+74950000000"]
    assert points["Visas"]["email"] == "visas@example.org"
    assert [spec["opens"] for spec in points["Visas"]["hoursAvailable"]] == ["09:30", "14:00"]
    assert len(points["Visas"]["hoursAvailable"][0]["dayOfWeek"]) == 5


def test_json_ld_cannot_close_its_script_element(client):
    make_contact_point("</script><script>alert(1)</script><!--", numbers=["020 7946 0350"])
    response = client.get(PAGE)
    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert json_ld(response)["contactPoint"][0]["name"] == "</script><script>alert(1)</script><!--"
    assert "<script>alert(1)" not in html
