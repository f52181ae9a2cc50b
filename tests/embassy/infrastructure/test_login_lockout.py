"""Admin logins resist guessing: after a few failures the account is locked from that address for
the cool-off time, even with the right password; other accounts and addresses are unaffected."""

import runpy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.helpers import authenticator, totp_code, verified_login

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "blue-lantern-harbour-47"
START = datetime(2022, 6, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def consul(django_user_model):
    return django_user_model.objects.create_user("consul", password=PASSWORD, is_staff=True)


@pytest.fixture
def press(django_user_model):
    return django_user_model.objects.create_user("press", password=PASSWORD, is_staff=True)


def log_in(username, password, address="203.0.113.7", **headers):
    """A fresh browser posting the admin's login form from `address`: status and session."""
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def passed_the_password(client) -> bool:
    """The session holds the login: the login page sends it on to the second step."""
    return "/admin/second-factor/" in client.get(LOGIN).get("Location", "")


def fail(username, times, address="203.0.113.7"):
    return [log_in(username, "wrong guess", address)[0].status_code for _ in range(times)]


def test_the_defaults_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


@time_machine.travel(START, tick=False)
def test_the_limit_locks_the_account_and_the_right_password_is_then_refused(consul):
    # Wrong passwords get the login form back, until the limit is reached.
    assert fail("consul", 4) == [200] * 4
    response, _client = log_in("consul", "wrong guess")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Login locked" in page
    assert "Try again in 15 minutes." in page
    response, client = log_in("consul", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_the_lockout_ends_after_the_cool_off(consul):
    with time_machine.travel(START, tick=False):
        fail("consul", 5)
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        response, client = log_in("consul", PASSWORD)
        assert response.status_code == 302
        assert passed_the_password(client)


def test_an_attempt_during_the_lockout_starts_the_wait_again(consul):
    with time_machine.travel(START, tick=False):
        fail("consul", 5)
    with time_machine.travel(START + timedelta(minutes=10), tick=False):
        assert log_in("consul", PASSWORD)[0].status_code == 429
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        assert log_in("consul", PASSWORD)[0].status_code == 429
    with time_machine.travel(START + timedelta(minutes=30, seconds=2), tick=False):
        assert log_in("consul", PASSWORD)[0].status_code == 302


@time_machine.travel(START, tick=False)
def test_other_accounts_and_other_addresses_are_unaffected(consul, press):
    fail("consul", 5)
    assert log_in("press", PASSWORD)[0].status_code == 302
    assert log_in("consul", PASSWORD, address="198.51.100.20")[0].status_code == 302
    assert log_in("consul", PASSWORD)[0].status_code == 429


@time_machine.travel(START, tick=False)
def test_a_complete_login_before_the_limit_starts_the_count_again(consul):
    device = authenticator(consul)
    fail("consul", 4)
    response, client = log_in("consul", PASSWORD)
    assert response.status_code == 302
    response = client.post(response["Location"], {"code": totp_code(device)})
    assert response.status_code == 302 and client.get("/admin/").status_code == 200
    assert fail("consul", 4) == [200] * 4
    assert log_in("consul", PASSWORD)[0].status_code == 302


@time_machine.travel(START, tick=False)
def test_the_password_alone_does_not_start_the_count_again(consul):
    """Or whoever has the password could guess second-factor codes for ever, a few at a time,
    logging in again in between."""
    authenticator(consul)
    fail("consul", 4)
    assert log_in("consul", PASSWORD)[0].status_code == 302
    assert fail("consul", 1) == [429]


@pytest.fixture
def behind_proxies(settings, monkeypatch):
    """Sets what embassy/settings.py makes of LOGIN_LOCKOUT_PROXY_COUNT=<count>: the module is
    read anew with the variable set, and its axes and ipware address settings applied."""

    def apply(count: int) -> None:
        monkeypatch.setenv("LOGIN_LOCKOUT_PROXY_COUNT", str(count))
        monkeypatch.setenv("ENV_FILE", "/dev/null")
        monkeypatch.delenv("DEBUG", raising=False)
        values = runpy.run_path(str(Path(settings.BASE_DIR, "embassy", "settings.py")))
        for name, value in values.items():
            if name.startswith(("AXES_IPWARE_", "IPWARE_")):
                setattr(settings, name, value)

    return apply


@time_machine.travel(START, tick=False)
def test_behind_a_proxy_the_visitor_address_is_read_from_x_forwarded_for(consul, behind_proxies):
    behind_proxies(1)
    proxy = "10.0.0.2"
    for _ in range(5):
        log_in("consul", "wrong guess", proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    # The same proxy forwarding another visitor: not locked.
    response, _client = log_in("consul", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 302
    # A visitor cannot escape the lock by writing an address at the left of the header.
    response, _client = log_in(
        "consul", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7"
    )
    assert response.status_code == 429
    response, _client = log_in(
        "consul", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="not an address, 203.0.113.7"
    )
    assert response.status_code == 429


@time_machine.travel(START, tick=False)
def test_behind_two_proxies_the_address_the_outer_one_saw_counts(consul, behind_proxies):
    behind_proxies(2)
    inner, outer = "10.0.0.3", "10.0.0.2"
    for _ in range(5):
        log_in("consul", "wrong guess", inner, HTTP_X_FORWARDED_FOR=f"203.0.113.7, {outer}")
    spoofed = f"198.51.100.20, 203.0.113.7, {outer}"
    assert log_in("consul", PASSWORD, inner, HTTP_X_FORWARDED_FOR=spoofed)[0].status_code == 429
    other = f"198.51.100.20, {outer}"
    assert log_in("consul", PASSWORD, inner, HTTP_X_FORWARDED_FOR=other)[0].status_code == 302


@time_machine.travel(START, tick=False)
def test_without_proxies_x_forwarded_for_is_ignored(consul, behind_proxies):
    behind_proxies(0)
    for number in range(5):
        log_in("consul", "wrong guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    response, _client = log_in("consul", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


@time_machine.travel(START, tick=False)
def test_the_lockout_page_says_the_limit_and_the_wait_in_the_settings_words(consul, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(seconds=90)
    fail("consul", 2)
    response, _client = log_in("consul", "wrong guess")
    assert response.status_code == 429
    page = response.content.decode()
    assert "has failed to log in 3 times from your address" in page
    assert "Try again in 2 minutes." in page
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    assert "Try again in 1 minute." in log_in("consul", PASSWORD)[0].content.decode()


def test_test_clients_still_log_in_without_a_request(client, consul, admin_client):
    assert client.login(username="consul", password=PASSWORD)
    assert passed_the_password(client)
    assert not Client().login(username="consul", password="wrong guess")
    assert admin_client.get("/admin/").status_code == 200
    other = verified_login(Client(), get_user_model().objects.get(username="consul"))
    assert other.get("/admin/").status_code == 200
