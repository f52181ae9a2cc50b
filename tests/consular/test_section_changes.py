"""Changes to the usual hours entered once for the whole consular section (a public holiday):
every desk that follows them shows them, a desk's own change wins on its date, and a line that
stays open on holidays is left as it is."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.db import IntegrityError, transaction

from consular.models import ContactPoint, HoursException
from tests.consular.test_page import PAGE, add_hours, desk_text
from tests.factories import make_contact_point
from tests.helpers import admin_form, page_queries

pytestmark = pytest.mark.django_db

BOXING_DAY = date(2022, 12, 26)
# Monday 26 December 2022, 10:00 in London.
ON_BOXING_DAY = datetime(2022, 12, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def desks():
    visas = make_contact_point("Visas", email="visas@example.org")
    passports = make_contact_point("Passports", email="passports@example.org")
    emergency = make_contact_point("Emergency", follows_section_changes=False)
    for desk in (visas, passports):
        add_hours(desk, range(5), "09:30", "12:30")
    add_hours(emergency, range(7), "00:00", "00:00")
    return visas, passports, emergency


def test_a_change_for_the_whole_section_shows_on_every_desk_that_follows_it(client, desks):
    visas, passports, emergency = desks
    HoursException.objects.create(contact_point=None, date=BOXING_DAY, reason="Boxing Day")
    with time_machine.travel(ON_BOXING_DAY, tick=False):
        page = client.get(PAGE)
    for desk in (visas, passports):
        block = desk_text(page, desk)
        assert "Closed now" in block
        assert "Monday (today) Closed (Boxing Day)" in block
    assert "Open now" in desk_text(page, emergency)
    assert "Boxing Day" not in desk_text(page, emergency)


def test_a_desks_own_change_wins_over_the_sections_on_its_date(client, desks):
    visas, passports, _emergency = desks
    HoursException.objects.create(contact_point=None, date=BOXING_DAY, reason="Boxing Day")
    HoursException.objects.create(
        contact_point=visas, date=BOXING_DAY, opens=time(10), closes=time(12), reason="Duty"
    )
    with time_machine.travel(ON_BOXING_DAY, tick=False):
        page = client.get(PAGE)
    assert "Open now Closes today at 12:00" in desk_text(page, visas)
    assert "Monday (today) Closed (Boxing Day)" in desk_text(page, passports)


def test_a_desk_read_alone_follows_the_section_too(desks):
    visas, _passports, emergency = desks
    HoursException.objects.create(contact_point=None, date=BOXING_DAY, reason="Boxing Day")
    fresh = ContactPoint.objects.get(pk=visas.pk)
    assert fresh.schedule().ranges_on(BOXING_DAY) == []
    assert ContactPoint.objects.get(pk=emergency.pk).schedule().ranges_on(BOXING_DAY) != []


@pytest.mark.usefixtures("no_page_cache")
def test_the_page_costs_the_same_with_changes_for_the_section(
    client, desks, django_assert_num_queries
):
    """The desks' own changes and the section's are read in one query, as the desks' own were."""
    HoursException.objects.create(contact_point=None, date=BOXING_DAY, reason="Boxing Day")
    HoursException.objects.create(contact_point=desks[0], date=date(2022, 12, 27), reason="x")
    with time_machine.travel(ON_BOXING_DAY, tick=False):
        client.get(PAGE)  # the header's rows, remembered
        with django_assert_num_queries(page_queries(5)):
            assert "Boxing Day" in client.get(PAGE).content.decode()


def test_one_change_for_the_section_per_date():
    HoursException.objects.create(contact_point=None, date=BOXING_DAY, reason="Boxing Day")
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursException.objects.create(contact_point=None, date=BOXING_DAY, reason="Again")


def test_the_section_wide_change_is_entered_once_in_the_admin(admin_client, desks):
    data = admin_form({"contact_point": "", "date": "2022-12-26", "opens": "", "closes": ""})
    data["reason_en"] = "Boxing Day"
    response = admin_client.post("/admin/consular/hoursexception/add/", data)
    assert response.status_code == 302
    change = HoursException.objects.get()
    assert change.contact_point is None
    listing = admin_client.get("/admin/consular/hoursexception/").content.decode()
    assert "Every desk" in listing
    again = admin_client.post("/admin/consular/hoursexception/add/", data)
    assert "The whole section already has a change to its hours on that date." in (
        again.content.decode()
    )
    assert HoursException.objects.count() == 1
