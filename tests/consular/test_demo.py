"""The demo's consular desk: the header contact, four desks with fictional numbers, their hours,
a Christmas closure and a current notice."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command

from consular.models import ContactPoint, HoursException, Notice, PhoneNumber
from tests.helpers import text

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2022, 12, 20, 10, 0, tzinfo=UTC), tick=False)
def test_demo_consular_desks(client):
    call_command("load_demo", "--no-accounts")
    assert list(ContactPoint.objects.values_list("name", flat=True)) == [
        "Consular queries",
        "Visas",
        "Passports",
        "Emergency assistance",
    ]
    assert ContactPoint.objects.get(in_header=True).name == "Consular queries"
    # Every number in the 020 7946 0000-0999 range kept for fiction.
    for phone in PhoneNumber.objects.all():
        assert re.fullmatch(r"\+442079460\d{3}", phone.number.as_e164), phone.number
    assert HoursException.objects.get().date == date(2022, 12, 25)
    assert Notice.objects.current(datetime(2022, 12, 20, 10, 0, tzinfo=UTC)).count() == 1

    home = client.get("/").content.decode()
    assert '<a href="tel:+442079460321">020 7946 0321</a>' in home
    assert 'href="mailto:consular@example.org"' in home
    assert "notice-banner" not in home  # the demo notice is information, not urgent

    page = text(client.get("/consular/"))
    assert "Appointments for visas by email only" in page
    assert "Sunday 25 December : closed (Christmas Day)" in page
    assert "Open now Open around the clock" in page  # emergency assistance
    assert "Open now Closes today at 12:30" in page  # Tuesday 10:00 in London


def test_the_christmas_closure_is_always_ahead():
    from embassy.operations import demo

    call_command("load_demo", "--no-accounts")
    HoursException.objects.all().delete()
    Notice.objects.all().delete()
    ContactPoint.objects.exclude(in_header=True).delete()
    demo.load_consular(today=date(2022, 12, 26))
    assert HoursException.objects.get().date == date(2023, 12, 25)
