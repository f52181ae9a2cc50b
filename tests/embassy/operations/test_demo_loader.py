import re
from base64 import b32decode
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP

from embassy.operations import demo

pytestmark = pytest.mark.django_db


def load_demo(capsys) -> str:
    call_command("load_demo")
    return capsys.readouterr().out


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(\w+)\s+password: (\S+)$", output, flags=re.MULTILINE))


def printed_secrets(output: str) -> dict[str, tuple[str, str]]:
    """Each account's authenticator secret and otpauth:// address, as printed."""
    found = re.findall(
        r"^\s+(\w+)\s+password: \S+\n\s+authenticator secret: ([A-Z2-7 ]+)\n\s+(otpauth://\S+)$",
        output,
        flags=re.MULTILINE,
    )
    return {username: (secret, address) for username, secret, address in found}


ACCOUNTS = {"admin", "press", "publisher", "consul"}


def test_first_run_creates_four_staff_accounts_with_random_printed_passwords(capsys):
    output = load_demo(capsys)
    passwords = printed_passwords(output)
    assert set(passwords) == ACCOUNTS
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    for username in ACCOUNTS - {"admin"}:
        assert not users[username].is_superuser and users[username].is_staff
    # A press editor, a press publisher and a consular publisher (embassy/sitewide/roles.py).
    groups = {u: set(users[u].groups.values_list("name", flat=True)) for u in ACCOUNTS}
    assert groups["press"] == {"Press office"}
    assert groups["publisher"] == {"Press office", "Press office publishers"}
    assert groups["consul"] == {"Consular section", "Consular section publishers"}
    for username, password in passwords.items():
        assert users[username].check_password(password)
        assert len(password) >= 16
        assert username not in password
    assert len(set(passwords.values())) == len(ACCOUNTS)


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


def test_each_account_logs_in_with_its_password_and_a_code_from_its_printed_secret(capsys):
    output = load_demo(capsys)
    passwords, secrets = printed_passwords(output), printed_secrets(output)
    assert set(secrets) == ACCOUNTS
    for username, (secret, address) in secrets.items():
        key = b32decode(secret.replace(" ", ""))
        assert parse_qs(urlsplit(address).query)["secret"] == [secret.replace(" ", "")]
        assert unquote(urlsplit(address).path) == f"/Embassy in London:{username}"
        client = Client(REMOTE_ADDR="192.0.2.10")
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": passwords[username]},
        )
        # Straight to the code: the demo accounts have their second factor already.
        assert response["Location"] == "/admin/second-factor/?next=%2Fadmin%2F"
        code = f"{TOTP(key).token():06d}"
        assert client.post(response["Location"], {"code": code})["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
