"""A cache outage degrades the site, it does not take it down: with the real Redis stopped or
frozen, public pages are rendered from the database, the admin works, staff stay logged in, no
request waits long for Redis, the outage is logged once and not per request, and caching
resumes by itself (without stale pages) when Redis is back.

Each test runs a Redis server of its own on a free port, so stopping it touches no other test.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone

from tests.factories import make_article, make_clock
from tests.helpers import authenticator, totp_code
from tests.launcher import free_port

pytestmark = [pytest.mark.system, pytest.mark.django_db]

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
# A request while Redis is unreachable may wait at most this long for it (the socket timeout is
# a tenth of it): a limit, not a benchmark.
BOUND_SECONDS = 2.0
RETRY_SECONDS = 1.0


class RedisServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self) -> None:
        """Connections stay open and nothing answers, as on a network partition."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis_server(settings):
    if not os.path.exists(REDIS_SERVER):
        pytest.fail("redis-server is needed (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "embassy.infrastructure.redis_cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "socket_timeout": BOUND_SECONDS / 10,
                "socket_connect_timeout": BOUND_SECONDS / 10,
                "retry_after": RETRY_SECONDS,
            },
        }
    }
    try:
        yield server
    finally:
        if server.process is not None:
            server.thaw()
        server.stop()


@pytest.fixture(autouse=True)
def early_in_a_minute():
    """Stored pages expire at every whole minute: a "hit" expected right after a "miss" must
    not straddle one."""
    with time_machine.travel(datetime.now(UTC).replace(second=5), tick=True):
        yield


@pytest.fixture
def site():
    make_clock("London", "Europe/London")
    make_article("A statement on the talks", published_at=timezone.now() - timedelta(hours=1))


def timed_get(client, path: str):
    started = time.monotonic()
    response = client.get(path)
    assert time.monotonic() - started < BOUND_SECONDS, f"{path} waited for the cache"
    return response


PUBLIC_PAGES = ["/", "/news/", "/news/events/", "/news/feed/rss/", "/consular/", "/sitemap.xml"]


def test_public_pages_the_admin_and_sessions_work_while_redis_is_stopped(
    client, redis_server, site, caplog
):
    admin = User.objects.create_superuser("admin", password="a long enough password")
    device = authenticator(admin)
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"

    redis_server.stop()
    caplog.set_level(logging.WARNING, logger="embassy.infrastructure.redis_cache")
    for _ in range(3):
        for path in PUBLIC_PAGES:
            response = timed_get(client, path)
            assert response.status_code == 200, path
            assert response.get("X-Page-Cache") != "hit", "rendered from the database"
    assert "A statement on the talks" in client.get("/").content.decode()

    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "a long enough password"},
    )
    assert login.status_code == 302, login.content.decode()[:2000]
    second_step = client.post(login["Location"], {"code": totp_code(device)})
    assert second_step.status_code == 302, second_step.content.decode()[:2000]
    assert timed_get(client, "/admin/").status_code == 200
    assert timed_get(client, "/admin/news/article/").status_code == 200

    readiness = client.get("/readyz")
    assert readiness.status_code == 503
    assert readiness.json()["failed"] == ["cache"]

    reports = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(reports) == 1, "logged once for the whole outage, not per request"

    # Back: caching resumes by itself, and the staff member is still logged in.
    redis_server.start()
    time.sleep(RETRY_SECONDS + 0.2)
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    assert any("answers again" in r.getMessage() for r in caplog.records)


def test_a_frozen_redis_costs_a_bounded_wait_and_an_edit_made_meanwhile_shows_after(
    client, redis_server, site
):
    from news.models import Article

    assert client.get("/news/")["X-Page-Cache"] == "miss"
    assert client.get("/news/")["X-Page-Cache"] == "hit"

    redis_server.freeze()
    started = time.monotonic()
    for _ in range(5):
        assert client.get("/news/").status_code == 200
    # Only the first call waited for its timeout: afterwards Redis is left alone a while.
    assert time.monotonic() - started < BOUND_SECONDS
    Article.objects.filter(title="A statement on the talks").update(title="A corrected statement")

    redis_server.thaw()
    time.sleep(RETRY_SECONDS + 0.2)
    page = client.get("/news/").content.decode()
    assert "A corrected statement" in page, "the page stored before the outage is not served"
