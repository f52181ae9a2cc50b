"""The admin's index shows each staff member what is going on in their area: what the newsroom
has scheduled and which drafts wait, which consular notices run and which changes to the hours
come; nothing of the other area."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group

from consular.models import HoursException, Level, Notice
from news.models import Status
from tests.factories import make_article, make_event
from tests.helpers import frozen_at, verified_login

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture
def staff(client, django_user_model):
    def log_in(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower().replace(" ", "-"), password="unused", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        verified_login(client, user)
        return client

    return log_in


@pytest.fixture
def going_on():
    make_article("Out already", published_at=NOW - timedelta(hours=1))
    soon = make_article("Speech at noon", published_at=NOW + timedelta(hours=1))
    make_event("Reception tomorrow", published_at=NOW + timedelta(days=1))
    draft = make_event("Draft of a visit", status=Status.DRAFT)
    running = Notice.objects.create(
        title="Closed on Friday", text="x", level=Level.URGENT, starts_at=NOW - timedelta(days=1)
    )
    Notice.objects.create(title="Ended", text="x", starts_at=NOW - timedelta(days=3), ends_at=NOW)
    HoursException.objects.create(contact_point=None, date=date(2022, 12, 26), reason="Boxing Day")
    return soon, draft, running


def panel(page: str, title: str) -> str:
    section = page.split(f">{title}</h2>", 1)
    assert len(section) == 2, f"no panel {title!r}"
    return section[1].split("</section>", 1)[0]


def test_the_press_office_sees_what_is_scheduled_and_the_drafts(staff, frozen, going_on):
    soon, draft, _running = going_on
    page = staff("Press office").get("/admin/").content.decode()
    scheduled = panel(page, "Scheduled next")
    assert scheduled.index("Speech at noon") < scheduled.index("Reception tomorrow")
    assert f'href="/admin/news/article/{soon.pk}/change/"' in scheduled
    assert "Out already" not in scheduled
    drafts = panel(page, "Drafts, last changed first")
    assert f'href="/admin/news/event/{draft.pk}/change/">Draft of a visit</a>' in drafts
    assert "Notices running or coming" not in page
    assert "Coming changes to the hours" not in page


def test_the_consular_section_sees_its_notices_and_coming_changes(staff, frozen, going_on):
    _soon, _draft, running = going_on
    page = staff("Consular section").get("/admin/").content.decode()
    notices = panel(page, "Notices running or coming")
    assert f'href="/admin/consular/notice/{running.pk}/change/">Closed on Friday</a> (running)' in (
        notices
    )
    assert "Ended" not in notices
    assert "Boxing Day" in panel(page, "Coming changes to the hours")
    assert "(Every desk)" in panel(page, "Coming changes to the hours")
    assert "Scheduled next" not in page and "Speech at noon" not in page


def test_an_empty_area_says_so(staff, frozen):
    page = staff("Press office").get("/admin/").content.decode()
    assert "Nothing is scheduled." in panel(page, "Scheduled next")
    assert "No draft is waiting." in panel(page, "Drafts, last changed first")
