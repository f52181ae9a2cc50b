"""What every page shows (day counters, clocks) and the consular notices go through review too:
an editor's new row or change is a Change until a publisher of the area approves it."""

from datetime import UTC, date, datetime

import pytest

from consular.models import Notice
from embassy.editorial.models import Change, State
from embassy.sitewide.models import Clock, IncidentCounter
from tests.factories import make_clock
from tests.helpers import admin_form, frozen_at, text

from .conftest import session

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)


def approve(client, change):
    response = client.post(f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.state == State.PUBLISHED, change.decision_note


def test_a_new_counter_shows_only_once_approved(editor, publisher, visitor):
    response = editor.post(
        "/admin/embassy/incidentcounter/add/",
        admin_form(
            {
                "event_name": "the poisoning in Salisbury",
                "event_date": "2018-03-04",
                "order": 0,
                "is_shown": "on",
                "_submit": "1",
            }
        ),
    )
    assert response.status_code == 302
    assert not IncidentCounter.objects.exists()
    change = Change.objects.get()
    assert change.object_id is None and change.state == State.SUBMITTED
    assert "poisoning in Salisbury" not in text(visitor.get("/"))

    approve(publisher, change)
    counter = IncidentCounter.objects.get()
    assert change.object_id == counter.pk
    assert counter.event_date == date(2018, 3, 4)
    assert "poisoning in Salisbury" in text(visitor.get("/"))


def test_an_editors_change_to_a_clock_waits_for_a_publisher(editor, publisher, visitor):
    clock = make_clock("Moscow", "Europe/Moscow")
    response = editor.post(
        f"/admin/embassy/clock/{clock.pk}/change/",
        admin_form(
            {"city": "Yerevan", "city_ru": "Ереван", "time_zone": "Asia/Yerevan", "order": 0}
        ),
    )
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.time_zone == "Europe/Moscow"
    change = Change.objects.get()
    assert change.state == State.DRAFT  # a plain save of a live item is kept as a draft
    change.submit(by=change.author)
    approve(publisher, change)
    clock.refresh_from_db()
    assert (clock.city_en, clock.time_zone) == ("Yerevan", "Asia/Yerevan")


def test_the_clocks_list_is_not_editable_in_place_by_editors(editor):
    make_clock("Moscow", "Europe/Moscow")
    page = editor.get("/admin/embassy/clock/").content.decode()
    assert 'name="form-0-order"' not in page


def test_a_notice_goes_public_through_the_consular_publishers(
    consular_editor, consular_publisher, press_publisher, visitor
):
    response = session(consular_editor).post(
        "/admin/consular/notice/add/",
        admin_form(
            {
                "title": "Closed on Monday",
                "text": "The section is closed on Monday.",
                "level": "information",
                "starts_at_0": "2022-06-28",
                "starts_at_1": "09:00",
                "_submit": "1",
            }
        ),
    )
    assert response.status_code == 302
    assert not Notice.objects.exists()
    change = Change.objects.get()
    # The press office's publishers are not the consular section's.
    assert (
        session(press_publisher)
        .post(f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"})
        .status_code
        == 403
    )
    approve(session(consular_publisher), change)
    assert "Closed on Monday" in text(visitor.get("/consular/"))


def test_a_counter_publisher_with_review_off_saves_directly(publisher, settings):
    settings.REVIEW_REQUIRED = False
    publisher.post(
        "/admin/embassy/clock/add/",
        admin_form({"city": "Rome", "time_zone": "Europe/Rome", "order": 0, "_save": "1"}),
    )
    assert Clock.objects.filter(time_zone="Europe/Rome").exists()
    assert not Change.objects.exists()


def test_a_counters_change_is_previewed_in_the_header_and_seen_by_no_one_else(
    editor, press_editor, visitor
):
    counter = IncidentCounter.objects.create(
        event_name_en="the poisoning in Salisbury", event_date=date(2018, 3, 4)
    )
    assert "poisoning in Salisbury" in text(visitor.get("/"))  # the header's rows remembered
    counter.event_name_en = "the attack in Salisbury"
    change = Change.prepare(counter, author=press_editor)
    response = editor.get(f"/admin/editorial/change/{change.pk}/preview/")
    assert response.status_code == 200
    assert response.templates[0].name == "home.html"
    assert "no-store" in response["Cache-Control"]
    page = text(response)
    assert "1577 days have passed since the attack in Salisbury" in page
    assert "poisoning in Salisbury" not in page
    assert "visitors still see the published version of this page" in page
    # Neither the row nor the remembered header changed.
    counter.refresh_from_db()
    assert counter.event_name_en == "the poisoning in Salisbury"
    assert "poisoning in Salisbury" in text(visitor.get("/"))
    assert "attack in Salisbury" not in text(visitor.get("/"))


def test_a_new_clock_is_previewed_in_its_place_among_the_others(editor, press_editor):
    make_clock("Moscow", "Europe/Moscow", order=1)
    make_clock("London", "Europe/London", order=3)
    proposed = Clock(city_en="Yerevan", time_zone="Asia/Yerevan", order=2)
    change = Change.prepare(proposed, author=press_editor)
    page = text(editor.get(f"/admin/editorial/change/{change.pk}/preview/"))
    assert page.index("Moscow: 15:46") < page.index("Yerevan: 16:46") < page.index("London: 13:46")
    assert "visitors cannot see it yet" in page
    assert not Clock.objects.filter(city_en="Yerevan").exists()


def test_a_notices_change_is_previewed_on_the_consular_page_and_in_the_banner(
    consular_editor, visitor
):
    notice = Notice.objects.create(
        level="urgent", starts_at=NOW, title_en="Closed today", text_en="A power cut."
    )
    assert "A power cut." in text(visitor.get("/consular/"))  # the page cache holds it
    notice.title_en, notice.text_en = "Closed until Monday", "The building is being repaired."
    change = Change.prepare(notice, author=consular_editor)
    response = session(consular_editor).get(f"/admin/editorial/change/{change.pk}/preview/")
    assert response.templates[0].name == "consular/index.html"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    banner = page[page.index('<aside class="notice-banner') : page.index("</aside>")]
    assert "Closed until Monday" in banner and "Closed today" not in banner
    assert "The building is being repaired." in text(response)
    assert "A power cut." not in text(response)
    assert "visitors still see the published version of this page" in text(response)
    assert "A power cut." in text(visitor.get("/consular/"))
    assert "Closed until Monday" not in text(visitor.get("/"))


def test_a_notice_that_would_not_be_current_is_left_out_of_the_preview(consular_editor):
    notice = Notice.objects.create(starts_at=NOW, title_en="Closed today", text_en="Closed.")
    notice.starts_at = datetime(2022, 7, 1, tzinfo=UTC)
    change = Change.prepare(notice, author=consular_editor)
    page = text(session(consular_editor).get(f"/admin/editorial/change/{change.pk}/preview/"))
    assert "Closed today" not in page
