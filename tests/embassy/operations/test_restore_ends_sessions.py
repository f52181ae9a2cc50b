"""After `manage.py restore`, with --force or without, everyone logs in again: every session ends,
those made after the backup too (an intruder's among them) and their copies in the cache, and
every login-lockout record of django-axes goes."""

import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from tests.embassy.operations.archives import back_up, empty_the_installation

pytestmark = pytest.mark.django_db(transaction=True)

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a long passphrase"  # demo_site's editor


def logged_in_client(username="editor", password=PASSWORD) -> Client:
    """A browser that logged in through the admin's form (django-axes records the login)."""
    client = Client(REMOTE_ADDR="203.0.113.7")
    response = client.post(LOGIN, {"username": username, "password": password})
    assert response.status_code == 302, response.content
    return client


def is_logged_in(client: Client) -> bool:
    """The session still holds the login: the login page sends it on to the second step."""
    return "/admin/second-factor/" in client.get(LOGIN).get("Location", "")


def lock_out(username="editor") -> None:
    """Enough failed logins from one address to lock the account there."""
    client = Client(REMOTE_ADDR="198.51.100.23")
    statuses = [
        client.post(LOGIN, {"username": username, "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses[-1] == 429


def axes_records() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("axes").get_models()
    }


@pytest.fixture(autouse=True)
def _failure_log(settings):
    """django-axes' log of failures is off by default; on, to show that it goes too."""
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True


def test_restore_with_force_ends_sessions_made_before_and_after_the_backup(demo_site, tmp_path):
    before = logged_in_client()
    archive = back_up(tmp_path)
    after = logged_in_client()  # an intruder's, say
    lock_out()
    assert is_logged_in(before) and is_logged_in(after)
    assert AccessAttempt.objects.exists() and AccessFailureLog.objects.exists()
    assert AccessLog.objects.exists()

    out = io.StringIO()
    call_command("restore", str(archive), "--force", stdout=out)

    assert not is_logged_in(before)
    assert not is_logged_in(after)
    assert not Session.objects.exists()
    assert not any(axes_records().values()), axes_records()
    assert "everyone logs in again" in out.getvalue()
    # The account is not locked any more: the right password lets its owner in at once.
    assert is_logged_in(logged_in_client())


def test_restore_into_an_empty_installation_ends_the_sessions_it_holds(demo_site, tmp_path):
    """An installation emptied of content may still hold sessions, in the database and in the
    cache; once the archive brings their account back, they would be live again."""
    in_the_cache = logged_in_client()
    archive = back_up(tmp_path)
    in_the_database = logged_in_client()
    sessions = list(Session.objects.all())
    lock_out()
    records = [
        (model, list(model.objects.all())) for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ]
    empty_the_installation()  # the database's sessions go with the rest; the cache keeps its
    Session.objects.bulk_create(sessions)
    for model, rows in records:
        model.objects.bulk_create(rows)

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert not is_logged_in(in_the_cache)
    assert not is_logged_in(in_the_database)
    assert not Session.objects.exists()
    assert not any(axes_records().values()), axes_records()
    assert "everyone logs in again" in out.getvalue()


def test_a_cache_that_cannot_be_cleared_is_reported(demo_site, tmp_path, settings):
    """Sessions are read through the cache: if it cannot be cleared (Redis down), the copies it
    holds would outlive the restore, so the operator is told to clear it."""
    archive = back_up(tmp_path)
    settings.CACHES = {
        "default": {
            "BACKEND": "embassy.infrastructure.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
        }
    }
    out, err = io.StringIO(), io.StringIO()
    call_command("restore", str(archive), "--force", stdout=out, stderr=err)

    assert "everyone logs in again" in out.getvalue()
    assert "could not be cleared" in err.getvalue()
    assert "FLUSHDB" in err.getvalue()
