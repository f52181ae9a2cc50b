"""The press office edits clocks and counters in the admin; bad input is refused, nothing saved."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry

from embassy.sitewide.models import Clock, IncidentCounter
from tests.factories import make_counter
from tests.helpers import admin_form

# These save through the admin and check what the save does to the live row; a second pair of
# eyes is tested in tests/embassy/editorial/ (conftest.review_not_required).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]


@pytest.fixture
def editor(admin_client):
    return admin_client


def test_unknown_time_zone_is_refused_and_nothing_saved(editor):
    response = editor.post(
        "/admin/embassy/clock/add/",
        admin_form({"city": "Atlantis", "time_zone": "Ocean/Atlantis", "order": 0}),
    )
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()
    assert not Clock.objects.exists()


def test_known_time_zone_is_saved(editor):
    response = editor.post(
        "/admin/embassy/clock/add/",
        admin_form({"city": "Paris", "time_zone": "Europe/Paris", "order": 3}),
    )
    assert response.status_code == 302
    assert Clock.objects.get().time_zone == "Europe/Paris"


@time_machine.travel(datetime(2022, 6, 28, 22, 30, tzinfo=UTC), tick=False)
def test_counter_dated_in_the_future_is_refused_and_nothing_saved(editor):
    # 23:30 in London: 29 June is still tomorrow there.
    response = editor.post(
        "/admin/embassy/incidentcounter/add/",
        admin_form({"event_name": "an event", "event_date": "2022-06-29", "note": "", "order": 0}),
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not IncidentCounter.objects.exists()


@time_machine.travel(datetime(2022, 6, 28, 23, 30, tzinfo=UTC), tick=False)
def test_counter_dated_today_in_the_host_city_is_accepted(editor):
    # 00:30 on 29 June in London, though still 28 June in UTC.
    response = editor.post(
        "/admin/embassy/incidentcounter/add/",
        admin_form({"event_name": "an event", "event_date": "2022-06-29", "note": "", "order": 0}),
    )
    assert response.status_code == 302
    assert IncidentCounter.objects.count() == 1


def test_counter_changes_are_recorded_in_the_admin_history(editor):
    counter = make_counter(translate=False)
    response = editor.post(
        f"/admin/embassy/incidentcounter/{counter.pk}/change/",
        admin_form(
            {
                "event_name": counter.event_name,
                "event_date": "2018-03-04",
                "note": "a new note",
                "is_shown": "on",
                "order": 0,
            }
        ),
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(counter.pk), action_flag=CHANGE)
    assert "Note" in entry.get_change_message()
    history = editor.get(f"/admin/embassy/incidentcounter/{counter.pk}/history/")
    assert "Changed Note [en]." in history.content.decode()
