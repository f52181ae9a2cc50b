"""A superuser resets a colleague's second factor (a lost phone, a lost key), in the admin or
with `manage.py reset_second_factor`; the colleague sets one up again at the next login. No one
else may."""

import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django_otp import devices_for_user

from embassy.infrastructure import two_factor
from tests.helpers import authenticator, verified_login

pytestmark = pytest.mark.django_db

PASSWORD = "blue-lantern-harbour-47"
USERS = "/admin/auth/user/"


@pytest.fixture
def press(django_user_model):
    user = django_user_model.objects.create_user("press", password=PASSWORD, is_staff=True)
    authenticator(user)
    two_factor.new_recovery_codes(user)
    return user


def reset_in_the_admin(client, user):
    return client.post(
        USERS, {"action": "reset_second_factor", "_selected_action": [user.pk]}, follow=True
    )


def next_login(client, username="press"):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}
    )
    return response["Location"]


def test_the_users_list_says_who_has_a_second_factor(admin_client, press):
    page = admin_client.get(USERS).content.decode()
    assert "Second factor" in page
    assert page.count('alt="True"') >= 2  # the superuser and press


def test_a_superuser_resets_a_colleagues_second_factor_in_the_admin(admin_client, client, press):
    verified_login(client, press)
    response = reset_in_the_admin(admin_client, press)
    assert response.status_code == 200
    assert "The second factor of 1 user was reset" in response.content.decode()
    assert list(devices_for_user(press, confirmed=None)) == []
    entry = LogEntry.objects.get(object_id=str(press.pk))
    assert entry.get_change_message() == "Second factor reset."
    # The colleague's session is verified no more, and their next login enrols again.
    assert client.get("/admin/").status_code == 302
    assert next_login(type(client)()).startswith("/admin/second-factor/enrol/")


def test_staff_who_may_change_users_cannot_reset(client, press):
    manager = get_user_model().objects.create_user("manager", password=PASSWORD, is_staff=True)
    manager.user_permissions.set(Permission.objects.filter(content_type__app_label="auth"))
    verified_login(client, manager)
    page = client.get(USERS).content.decode()
    assert "reset_second_factor" not in page
    reset_in_the_admin(client, press)
    assert len(list(devices_for_user(press, confirmed=None))) == 2


def test_the_command_resets_a_second_factor(press):
    out = io.StringIO()
    call_command("reset_second_factor", "press", stdout=out)
    assert "Second factor of press reset (2 device(s) removed)" in out.getvalue()
    assert list(devices_for_user(press, confirmed=None)) == []
    assert not two_factor.has_second_factor(press)


def test_the_command_names_an_unknown_user():
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("reset_second_factor", "nobody")
