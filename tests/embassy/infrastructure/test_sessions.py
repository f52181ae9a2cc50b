"""Signed session keys: the site can tell a session it issued from a made-up cookie without a
lookup, and the sessions themselves still live in the database."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session

from embassy.infrastructure import sessions


def test_a_new_key_is_issued_and_a_changed_one_is_not():
    key = sessions.new_key()
    assert sessions.is_issued(key)
    assert len(key) == 40 and key.isalnum() and key.islower()
    for forged in (key[:-1] + ("0" if key[-1] != "0" else "1"), "a" * 40, key[:32], ""):
        assert not sessions.is_issued(forged)


def test_a_key_signed_with_a_retired_secret_is_still_issued(settings):
    key = sessions.new_key()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 50
    assert sessions.is_issued(key)
    settings.SECRET_KEY_FALLBACKS = []
    assert not sessions.is_issued(key)


@pytest.mark.django_db
def test_a_login_makes_a_signed_session_kept_in_the_database(client):
    User.objects.create_user("press", password="correct horse battery staple")
    assert client.login(username="press", password="correct horse battery staple")
    key = client.cookies["sessionid"].value
    assert sessions.is_issued(key)
    assert Session.objects.filter(session_key=key).exists()
