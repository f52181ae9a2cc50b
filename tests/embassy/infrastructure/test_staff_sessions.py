"""Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request and
STAFF_SESSION_MAX_HOURS after the login; a password change ends the user's other sessions;
visitors get no session at all."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from tests.helpers import frozen_at, verified_login

pytestmark = pytest.mark.django_db

START = datetime(2022, 6, 28, 9, 0, tzinfo=UTC)
PASSWORD = "blue-lantern-harbour-47"

frozen = frozen_at(START)


@pytest.fixture
def press(django_user_model):
    return django_user_model.objects.create_user("press", password=PASSWORD, is_staff=True)


def in_the_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_the_defaults_are_thirty_minutes_and_eight_hours():
    assert settings.STAFF_SESSION_IDLE_MINUTES == 30
    assert settings.STAFF_SESSION_MAX_HOURS == 8
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_a_session_ends_after_thirty_minutes_without_a_request(client, press, frozen):
    verified_login(client, press)
    for _ in range(4):  # every request starts the thirty minutes again
        frozen.shift(timedelta(minutes=29))
        assert in_the_admin(client)
    frozen.shift(timedelta(minutes=30, seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_ends_eight_hours_after_the_login_however_busy(client, press, frozen):
    verified_login(client, press)
    for _ in range(8 * 4):
        assert in_the_admin(client)
        frozen.shift(timedelta(minutes=15))
    # Eight hours on the dot: still in; a minute later, out, on any page.
    assert in_the_admin(client)
    frozen.shift(timedelta(minutes=1))
    assert client.get("/").status_code == 200
    assert "_auth_user_id" not in client.session
    assert not in_the_admin(client)


def test_a_new_login_starts_the_eight_hours_again(client, press, frozen):
    verified_login(client, press)
    for _ in range(7 * 4):
        frozen.shift(timedelta(minutes=15))
        assert in_the_admin(client)
    verified_login(client, press)
    for _ in range(4):
        frozen.shift(timedelta(minutes=15))
        assert in_the_admin(client)


def test_a_password_change_ends_the_users_other_sessions(press):
    here, elsewhere = verified_login(Client(), press), verified_login(Client(), press)
    colleague = verified_login(
        Client(), get_user_model().objects.create_user("consul", is_staff=True)
    )
    response = here.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a new long pass phrase 93",
            "new_password2": "a new long pass phrase 93",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert in_the_admin(here)  # the session that changed it stays
    assert not in_the_admin(elsewhere)
    assert "_auth_user_id" not in elsewhere.session
    assert in_the_admin(colleague)


def test_a_password_set_by_a_superuser_ends_the_users_sessions(admin_client, press):
    elsewhere = verified_login(Client(), press)
    response = admin_client.post(
        f"/admin/auth/user/{press.pk}/password/",
        {"password1": "a new long pass phrase 93", "password2": "a new long pass phrase 93"},
    )
    assert response.status_code == 302
    assert not in_the_admin(elsewhere)


@pytest.mark.parametrize("path", ["/", "/news/", "/consular/", "/ru/", "/admin/login/"])
def test_visitors_get_no_session(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_a_request_that_does_not_read_the_session_leaves_it_alone(
    client, press, django_assert_num_queries
):
    """The limits are kept when a request reads the session: a health probe that comes with a
    staff cookie neither looks it up nor saves it."""
    verified_login(client, press)
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
