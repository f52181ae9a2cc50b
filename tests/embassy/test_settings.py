"""The configuration rules, checked in a fresh interpreter so the settings module is read anew."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.system

PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'db': settings.DATABASES['default'], 'debug': settings.DEBUG, "
    "'tz': settings.TIME_ZONE, 'cache': settings.CACHES['default']['BACKEND']}, default=str))"
)


def run_settings(**variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "CACHE_URL", "TIME_ZONE"}
    }
    environment.update(ENV_FILE="/dev/null", DJANGO_SETTINGS_MODULE="embassy.settings", **variables)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_development_needs_no_variable_and_defaults_to_sqlite_in_the_project():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"] == str(settings.BASE_DIR / "db.sqlite3")
    assert values["tz"] == "Europe/London"
    # A folder every process on the machine shares: what load_demo writes, the server shows.
    assert values["cache"].endswith("FileBasedCache")


def test_production_without_a_secret_key_refuses_to_start_with_one_line():
    result = run_settings(DEBUG="false")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line
    assert "SECRET_KEY must be set" in last_line


def test_production_refuses_the_development_key_and_short_keys():
    assert run_settings(DEBUG="false", SECRET_KEY="django-insecure-" + "x" * 60).returncode != 0
    assert run_settings(DEBUG="false", SECRET_KEY="short").returncode != 0


def test_production_starts_with_a_real_secret_key():
    result = run_settings(DEBUG="false", SECRET_KEY="k" * 64)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_database_url_for_postgresql_is_parsed():
    result = run_settings(DATABASE_URL="postgres://editor:s3cret@db.internal:5433/embassy")
    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)["db"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["USER"], database["PASSWORD"]) == ("editor", "s3cret")
    assert (database["HOST"], str(database["PORT"]), database["NAME"]) == (
        "db.internal",
        "5433",
        "embassy",
    )


def test_cache_url_and_time_zone_are_read():
    result = run_settings(CACHE_URL="redis://127.0.0.1:6379/3", TIME_ZONE="Europe/Moscow")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    # Django's Redis backend, with one client per connection pool
    # (embassy/infrastructure/redis_cache.py).
    assert values["cache"] == "embassy.infrastructure.redis_cache.RedisCache"
    assert values["tz"] == "Europe/Moscow"
