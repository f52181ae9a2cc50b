"""Consular staff keep contact points, hours and notices in the admin; bad input gets a clear
error and nothing at all is saved, the contact point included."""

import re
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.core.exceptions import ValidationError

from consular.models import ContactPoint, HoursException, Notice, OpeningHours, PhoneNumber
from tests.consular.admin_forms import contact_point_form, exception, opening, phone
from tests.factories import make_contact_point
from tests.helpers import admin_form

# These save through the admin and check what the save does to the live row; a second pair of
# eyes is tested in tests/embassy/editorial/ (conftest.review_not_required).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]

ADD = "/admin/consular/contactpoint/add/"
NOTHING_SAVED = (ContactPoint, PhoneNumber, OpeningHours, HoursException)


def change_url(contact_point) -> str:
    return f"/admin/consular/contactpoint/{contact_point.pk}/change/"


def errors_of(response) -> str:
    assert response.status_code == 200, "the form was accepted"
    return response.content.decode()


def assert_nothing_saved():
    for model in NOTHING_SAVED:
        assert not model.objects.exists(), model


def test_a_contact_point_with_numbers_and_hours_is_saved_in_e164(admin_client):
    response = admin_client.post(
        ADD,
        contact_point_form(
            phones=[phone("020 7946 0322", label="Appointments"), phone("+7 495 000-00-00")],
            hours=[opening(0, "09:30", "12:30"), opening(0, "14:00", "17:00")],
            exceptions=[exception("2022-12-26", "Boxing Day")],
        ),
    )
    assert response.status_code == 302
    contact_point = ContactPoint.objects.get()
    numbers = list(contact_point.phone_numbers.all())
    assert [str(phone.number.as_e164) for phone in numbers] == ["+442079460322", "+74950000000"]
    assert PhoneNumber.objects.filter(number="+442079460322").exists()  # stored as E.164
    # A host-country number reads as it is dialled there; a foreign one keeps its prefix.
    assert numbers[0].display == "020 7946 0322"
    assert numbers[1].display.startswith("+7 495")
    assert numbers[0].tel_uri_number == "+442079460322"
    assert contact_point.opening_hours.count() == 2
    assert contact_point.exceptions.get().is_closed


@pytest.mark.parametrize("number", ["12345", "020 7946 03", "not a number", "+44 20 7946 03210"])
def test_a_bad_number_in_the_inline_keeps_everything_unsaved(admin_client, number):
    response = admin_client.post(
        ADD,
        contact_point_form(
            phones=[phone("020 7946 0321"), phone(number)],
            hours=[opening(0, "09:30", "12:30")],
        ),
    )
    assert "Enter a valid phone number" in errors_of(response)
    assert_nothing_saved()


def test_a_bad_number_on_change_keeps_the_saved_number(admin_client):
    contact_point = make_contact_point(numbers=["+44 20 7946 0321"])
    saved = contact_point.phone_numbers.get()
    response = admin_client.post(
        change_url(contact_point),
        contact_point_form(
            name="Renamed",
            email=contact_point.email,
            phones=[phone("0207", id=saved.pk, contact_point=contact_point.pk)],
            initial={"phone_numbers": 1},
        ),
    )
    assert "Enter a valid phone number" in errors_of(response)
    contact_point.refresh_from_db()
    assert contact_point.name == "Consular queries"
    assert contact_point.phone_numbers.get().number == "+442079460321"


def test_a_bad_email_is_refused_and_nothing_saved(admin_client):
    response = admin_client.post(
        ADD, contact_point_form(email="consular@", phones=[phone("020 7946 0321")])
    )
    assert "Enter a valid email address." in errors_of(response)
    assert_nothing_saved()


def test_a_second_header_contact_point_is_a_form_error(admin_client):
    make_contact_point(in_header=True)
    response = admin_client.post(
        ADD, contact_point_form(name="Visas", in_header=True, phones=[phone("020 7946 0322")])
    )
    assert "Another contact point is already shown in the header." in errors_of(response)
    assert ContactPoint.objects.count() == 1
    assert PhoneNumber.objects.count() == 1


def test_moving_the_header_mark_is_two_saves(admin_client):
    first = make_contact_point(in_header=True)
    second = make_contact_point("Visas")
    for contact_point, mark in [(first, False), (second, True)]:
        response = admin_client.post(
            change_url(contact_point),
            contact_point_form(name=contact_point.name, in_header=mark),
        )
        assert response.status_code == 302
    assert ContactPoint.objects.get(in_header=True) == second


def test_hours_closing_before_they_open_are_refused(admin_client):
    response = admin_client.post(ADD, contact_point_form(hours=[opening(2, "17:00", "09:00")]))
    assert "The closing time must be after the opening time." in errors_of(response)
    assert_nothing_saved()


def test_overlapping_hours_across_inline_rows_are_refused(admin_client):
    response = admin_client.post(
        ADD,
        contact_point_form(
            hours=[
                opening(1, "09:00", "12:30"),
                opening(1, "12:00", "15:00"),
                opening(2, "12:00", "15:00"),  # another day: no clash
            ]
        ),
    )
    errors = re.search(r'<ul class="errorlist nonform">(.*?)</ul>', errors_of(response)).group(1)
    assert "Tuesday: 09:00\u201312:30 overlaps 12:00\u201315:00." in errors
    assert "Wednesday" not in errors
    assert_nothing_saved()


def test_midnight_closing_counts_as_the_end_of_the_day_for_overlaps(admin_client):
    response = admin_client.post(
        ADD, contact_point_form(hours=[opening(4, "18:00", "00:00"), opening(4, "23:00", "23:30")])
    )
    assert "Friday: 18:00\u201300:00 overlaps 23:00\u201323:30." in errors_of(response)
    assert_nothing_saved()


def test_ranges_that_only_touch_are_accepted(admin_client):
    response = admin_client.post(
        ADD, contact_point_form(hours=[opening(1, "09:00", "12:00"), opening(1, "12:00", "13:00")])
    )
    assert response.status_code == 302
    assert OpeningHours.objects.count() == 2


def test_changing_two_saved_ranges_at_once_is_checked_as_submitted(admin_client):
    contact_point = make_contact_point()
    morning = OpeningHours.objects.create(
        contact_point=contact_point, weekday=0, opens=time(9), closes=time(12)
    )
    afternoon = OpeningHours.objects.create(
        contact_point=contact_point, weekday=0, opens=time(13), closes=time(17)
    )
    # 09:00-14:00 overlaps the saved 13:00-17:00, but that row becomes 14:00-17:00 in this form.
    response = admin_client.post(
        change_url(contact_point),
        contact_point_form(
            name=contact_point.name,
            email=contact_point.email,
            hours=[
                opening(0, "09:00", "14:00", id=morning.pk, contact_point=contact_point.pk),
                opening(0, "14:00", "17:00", id=afternoon.pk, contact_point=contact_point.pk),
            ],
            initial={"opening_hours": 2},
        ),
    )
    assert response.status_code == 302
    assert list(contact_point.opening_hours.values_list("opens", "closes")) == [
        (time(9), time(14)),
        (time(14), time(17)),
    ]


def test_a_deleted_row_does_not_count_as_an_overlap(admin_client):
    contact_point = make_contact_point()
    old = OpeningHours.objects.create(
        contact_point=contact_point, weekday=0, opens=time(9), closes=time(12)
    )
    response = admin_client.post(
        change_url(contact_point),
        contact_point_form(
            name=contact_point.name,
            email=contact_point.email,
            hours=[
                opening(
                    0, "09:00", "12:00", id=old.pk, contact_point=contact_point.pk, DELETE="on"
                ),
                opening(0, "10:00", "13:00"),
            ],
            initial={"opening_hours": 1},
        ),
    )
    assert response.status_code == 302
    assert list(contact_point.opening_hours.values_list("opens", flat=True)) == [time(10)]


def test_overlap_with_saved_rows_is_refused_outside_the_admin():
    contact_point = make_contact_point()
    OpeningHours.objects.create(
        contact_point=contact_point, weekday=3, opens=time(9), closes=time(12)
    )
    row = OpeningHours(contact_point=contact_point, weekday=3, opens=time(11), closes=time(14))
    with pytest.raises(ValidationError, match="overlap"):
        row.full_clean()
    OpeningHours(
        contact_point=contact_point, weekday=4, opens=time(11), closes=time(14)
    ).full_clean()


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        ("09:00", "", "Give both the opening and the closing time"),
        ("", "12:00", "Give both the opening and the closing time"),
        ("12:00", "09:00", "The closing time must be after the opening time."),
    ],
)
def test_bad_exception_hours_are_refused(admin_client, opens, closes, message):
    response = admin_client.post(
        ADD,
        contact_point_form(exceptions=[exception("2022-12-24", "Christmas Eve", opens, closes)]),
    )
    assert message in errors_of(response)
    assert_nothing_saved()


@time_machine.travel(datetime(2022, 12, 1, 12, tzinfo=UTC), tick=False)
def test_two_exceptions_on_one_date_are_refused(admin_client):
    response = admin_client.post(
        ADD,
        contact_point_form(
            exceptions=[
                exception("2022-12-24", "Christmas Eve", "09:30", "12:00"),
                exception("2022-12-24", "Christmas Eve"),
            ]
        ),
    )
    assert "Please correct the duplicate data for date" in errors_of(response)
    assert_nothing_saved()


def test_a_notice_ending_before_it_starts_is_refused(admin_client):
    response = admin_client.post(
        "/admin/consular/notice/add/",
        admin_form(
            {
                "title": "Closed on Monday",
                "text": "The section is closed.",
                "level": "urgent",
                "starts_at_0": "2022-06-28",
                "starts_at_1": "12:00",
                "ends_at_0": "2022-06-28",
                "ends_at_1": "11:00",
            }
        ),
    )
    assert "The end must be after the start." in errors_of(response)
    assert not Notice.objects.exists()


def test_a_notice_is_saved_in_the_host_city_time(admin_client):
    response = admin_client.post(
        "/admin/consular/notice/add/",
        admin_form(
            {
                "title": "Closed on Monday",
                "text": "The section is closed.",
                "level": "urgent",
                "starts_at_0": "2022-06-28",
                "starts_at_1": "09:00",
                "ends_at_0": "",
                "ends_at_1": "",
            }
        ),
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    # 09:00 in London in summer is 08:00 UTC.
    assert notice.starts_at == datetime(2022, 6, 28, 8, 0, tzinfo=UTC)
    assert notice.ends_at is None


@time_machine.travel(datetime(2022, 12, 1, 12, tzinfo=UTC), tick=False)
def test_past_exceptions_are_not_listed_in_the_form(admin_client):
    contact_point = make_contact_point()
    HoursException.objects.create(
        contact_point=contact_point, date=date(2022, 11, 30), reason="Gone"
    )
    HoursException.objects.create(
        contact_point=contact_point, date=date(2022, 12, 1), reason="Today"
    )
    page = admin_client.get(change_url(contact_point)).content.decode()
    assert 'value="Today"' in page
    assert 'value="Gone"' not in page


def test_the_hours_exceptions_inline_is_headed_with_a_proper_plural(admin_client):
    page = admin_client.get(change_url(make_contact_point())).content.decode()
    assert "Changes to the usual hours (holiday closures, shorter days)" in page
    assert "shorter day)s" not in page


@time_machine.travel(datetime(2022, 12, 1, 12, tzinfo=UTC), tick=False)
def test_the_hours_are_shown_in_hours_and_minutes(admin_client):
    contact_point = make_contact_point()
    OpeningHours.objects.create(
        contact_point=contact_point, weekday=0, opens=time(9, 30), closes=time(12, 30, 15)
    )
    HoursException.objects.create(
        contact_point=contact_point,
        date=date(2022, 12, 24),
        opens=time(10, 0),
        closes=time(13, 0),
        reason="Eve",
    )
    page = admin_client.get(change_url(contact_point)).content.decode()
    assert 'value="09:30"' in page
    assert 'value="12:30"' in page
    assert 'value="10:00"' in page
    assert not re.search(r'value="\d\d:\d\d:\d\d"', page)


def test_a_notice_is_shown_in_hours_and_minutes_and_accepts_seconds(admin_client):
    response = admin_client.post(
        "/admin/consular/notice/add/",
        admin_form(
            {
                "title": "Closed on Monday",
                "text": "The section is closed.",
                "level": "urgent",
                "starts_at_0": "2022-06-28",
                "starts_at_1": "09:00:30",
                "ends_at_0": "",
                "ends_at_1": "",
            }
        ),
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.starts_at == datetime(2022, 6, 28, 8, 0, 30, tzinfo=UTC)
    page = admin_client.get(f"/admin/consular/notice/{notice.pk}/change/").content.decode()
    assert 'name="starts_at_1" value="09:00"' in page


def test_the_notice_form_names_the_time_zone_and_its_offset(admin_client):
    with time_machine.travel(datetime(2022, 6, 28, 12, tzinfo=UTC), tick=False):
        page = admin_client.get("/admin/consular/notice/add/").content.decode()
    assert page.count("Times are in Europe/London time (UTC+01:00 today).") == 2
