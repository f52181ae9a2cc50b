"""/healthz and /readyz, the probes of a load balancer. The database-outage side of /readyz is
proven against the real PostgreSQL in test_db_outage.py."""

import json

import pytest
from django.db import connection

from tests import launcher


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_when_the_database_and_the_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_naming_the_cache_when_the_cache_is_unreachable(client, settings):
    closed_port = launcher.free_port()  # nothing listens there
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["cache"]
    assert body["checks"] == {"database": "ok", "cache": "unavailable"}
    # What failed is named; how (addresses, messages) goes to the log only.
    assert str(closed_port) not in response.text


@pytest.mark.django_db
def test_readyz_is_503_naming_the_database_when_a_query_fails(client, monkeypatch):
    def refuse(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["failed"] == ["database"]
    assert "refused" not in response.text


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_refuse_writes(client, url):
    assert client.post(url).status_code == 405
