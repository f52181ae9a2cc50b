"""The Reliability section of the settings: connections that survive an outage, requests that
save all or nothing (what such a request does: infrastructure/test_db_outage.py), sessions and
media that any app server can reach. Each read in a fresh interpreter."""

import pytest

from tests.helpers import fresh_settings, fresh_settings_refusal

pytestmark = pytest.mark.system

VALUES = (
    "{'db': settings.DATABASES['default'], 'session': settings.SESSION_ENGINE, "
    "'media': settings.STORAGES['default'], 'static_root': str(settings.STATIC_ROOT)}"
)


def read_settings(**variables):
    return fresh_settings(VALUES, **variables)


PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "k" * 64}


def test_production_keeps_connections_and_checks_them_before_use():
    values = read_settings(**PRODUCTION)
    assert values["db"]["CONN_MAX_AGE"] == 60
    assert values["db"]["CONN_HEALTH_CHECKS"] is True
    assert values["db"]["ATOMIC_REQUESTS"] is True
    # Django's cached_db, with signed keys.
    assert values["session"] == "embassy.infrastructure.sessions"


def test_development_opens_a_connection_per_request():
    values = read_settings()
    assert values["db"]["CONN_MAX_AGE"] == 0
    assert values["db"]["ATOMIC_REQUESTS"] is True


def test_connection_age_and_connect_timeout_are_read():
    values = read_settings(
        **PRODUCTION,
        DATABASE_URL="postgres://site@db.internal:5432/embassy",
        CONN_MAX_AGE="300",
        DB_CONNECT_TIMEOUT="2",
    )
    assert values["db"]["CONN_MAX_AGE"] == 300
    assert values["db"]["OPTIONS"]["connect_timeout"] == 2


def test_postgresql_gives_up_connecting_after_five_seconds_by_default():
    values = read_settings(DATABASE_URL="postgres://site@db.internal:5432/embassy")
    assert values["db"]["OPTIONS"]["connect_timeout"] == 5


def test_static_root_is_read():
    assert read_settings(STATIC_ROOT="/srv/static")["static_root"] == "/srv/static"


def test_media_on_the_filesystem_by_default():
    media = read_settings()["media"]
    assert media["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_media_on_s3_compatible_storage():
    media = read_settings(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="embassy-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )["media"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    options = media["OPTIONS"]
    assert options["bucket_name"] == "embassy-media"
    assert options["endpoint_url"] == "https://objects.example.org"
    assert options["region_name"] == "eu-west-2"
    assert options["addressing_style"] == "path"
    assert options["custom_domain"] == "media.example.org"
    assert options["file_overwrite"] is False  # an upload never replaces another file
    assert options["querystring_auth"] is False


def test_s3_without_a_bucket_refuses_to_start():
    assert "AWS_STORAGE_BUCKET_NAME" in fresh_settings_refusal(MEDIA_STORAGE="s3")


def test_an_unknown_media_storage_refuses_to_start():
    last_line = fresh_settings_refusal(MEDIA_STORAGE="ftp")
    assert "MEDIA_STORAGE must be 'filesystem' or 's3'" in last_line
