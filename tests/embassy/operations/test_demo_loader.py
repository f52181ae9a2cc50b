import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from embassy.operations import demo

pytestmark = pytest.mark.django_db


def load_demo(capsys) -> str:
    call_command("load_demo")
    return capsys.readouterr().out


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(\w+)\s+(\S+)$", output, flags=re.MULTILINE))


def test_first_run_creates_three_staff_accounts_with_random_printed_passwords(capsys):
    output = load_demo(capsys)
    passwords = printed_passwords(output)
    assert set(passwords) == {"admin", "press", "consul"}
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    assert not users["press"].is_superuser and users["press"].is_staff
    assert not users["consul"].is_superuser and users["consul"].is_staff
    for username, password in passwords.items():
        assert users[username].check_password(password)
        assert len(password) >= 16
        assert username not in password
    assert len(set(passwords.values())) == 3


def test_passwords_differ_between_installations(capsys):
    first = printed_passwords(load_demo(capsys))
    get_user_model().objects.all().delete()
    second = printed_passwords(load_demo(capsys))
    assert first["admin"] != second["admin"]


def test_second_run_changes_nothing(capsys):
    load_demo(capsys)
    before = {u.username: u.password for u in get_user_model().objects.all()}
    snapshot = demo.content_snapshot()
    output = load_demo(capsys)
    assert printed_passwords(output) == {}
    assert "already" in output
    assert {u.username: u.password for u in get_user_model().objects.all()} == before
    assert demo.content_snapshot() == snapshot
