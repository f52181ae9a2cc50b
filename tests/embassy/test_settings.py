"""The configuration rules, checked in a fresh interpreter so the settings module is read anew."""

import uuid

import pytest
from django.conf import settings

from tests.helpers import fresh_interpreter, fresh_settings, fresh_settings_refusal

pytestmark = pytest.mark.system

VALUES = (
    "{'db': settings.DATABASES['default'], 'debug': settings.DEBUG, 'tz': settings.TIME_ZONE, "
    "'cache': settings.CACHES['default']['BACKEND']}"
)


def test_development_needs_no_variable_and_defaults_to_sqlite_in_the_project():
    values = fresh_settings(VALUES)
    assert values["debug"] is True
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"] == str(settings.BASE_DIR / "db.sqlite3")
    assert values["tz"] == "Europe/London"
    # A folder every process on the machine shares: what load_demo writes, the server shows.
    assert values["cache"].endswith("FileBasedCache")


def test_by_default_what_one_process_caches_another_reads():
    """In development the server, load_demo and a shell share one cache: a content version
    replaced by one process is the one the next process reads."""
    key = f"test-shared-{uuid.uuid4().hex}"
    script = "import django; django.setup(); from django.core.cache import cache; "
    try:
        written = fresh_interpreter("-c", f"{script}cache.set({key!r}, 'written', 60)")
        assert written.returncode == 0, written.stderr
        read = fresh_interpreter("-c", f"{script}print(cache.get({key!r}))")
        assert read.returncode == 0, read.stderr
        assert read.stdout.strip() == "written"
    finally:
        fresh_interpreter("-c", f"{script}cache.delete({key!r})")


def test_production_without_a_secret_key_refuses_to_start_with_one_line():
    last_line = fresh_settings_refusal(DEBUG="false")
    assert "ImproperlyConfigured" in last_line
    assert "SECRET_KEY must be set" in last_line


def test_production_refuses_the_development_key_and_short_keys():
    fresh_settings_refusal(DEBUG="false", SECRET_KEY="django-insecure-" + "x" * 60)
    fresh_settings_refusal(DEBUG="false", SECRET_KEY="short")


def test_production_starts_with_a_real_secret_key():
    assert fresh_settings(VALUES, DEBUG="false", SECRET_KEY="k" * 64)["debug"] is False


def test_database_url_for_postgresql_is_parsed():
    values = fresh_settings(
        VALUES, DATABASE_URL="postgres://editor:s3cret@db.internal:5433/embassy"
    )
    database = values["db"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["USER"], database["PASSWORD"]) == ("editor", "s3cret")
    assert (database["HOST"], str(database["PORT"]), database["NAME"]) == (
        "db.internal",
        "5433",
        "embassy",
    )


def test_cache_url_and_time_zone_are_read():
    values = fresh_settings(VALUES, CACHE_URL="redis://127.0.0.1:6379/3", TIME_ZONE="Europe/Moscow")
    # Django's Redis backend, with one client per connection pool
    # (embassy/infrastructure/redis_cache.py).
    assert values["cache"] == "embassy.infrastructure.redis_cache.RedisCache"
    assert values["tz"] == "Europe/Moscow"
