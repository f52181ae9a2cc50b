"""A database outage: visitors get the styled 503 page, an admin save fails cleanly and leaves
nothing half-written, and the site recovers by itself once the database is back.

The end-to-end test runs gunicorn (the repo's config, DEBUG off) as a separate process against
the machine's real PostgreSQL, through a TCP proxy that the test cuts and restores; the
PostgreSQL server itself keeps running for everyone else.
"""

import time
from datetime import datetime, timedelta

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path
from django.utils import timezone

from embassy.infrastructure.outage import RETRY_AFTER_SECONDS, outage_response
from embassy.sitewide.models import Clock
from tests import launcher, servers

OUTAGE_TITLE = "The site is briefly unavailable"


def lost_connection(request):
    raise OperationalError("server closed the connection unexpectedly")


def closed_connection(request):
    raise InterfaceError("connection already closed")


def other_error(request):
    raise ValueError("a bug, not an outage")


def save_then_lose_the_database(request):
    Clock.objects.create(city="Half-saved", time_zone="Europe/Paris")
    raise OperationalError("server closed the connection unexpectedly")


# This module doubles as a URLconf (pytest.mark.urls) with views that fail as a lost database
# connection makes them fail.
urlpatterns = [
    path("lost/", lost_connection),
    path("closed/", closed_connection),
    path("bug/", other_error),
    path("save-then-fail/", save_then_lose_the_database),
]
handler500 = "embassy.infrastructure.outage.server_error"


class LostDatabaseMiddleware:
    """Fails as a middleware that reads the database (sessions, the user) would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("could not connect to server")


def assert_outage_page(status, headers, body):
    assert status == 503
    assert headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in headers["cache-control"]
    assert f"<h1>{OUTAGE_TITLE}</h1>" in body
    assert 'class="page page--error"' in body  # the site's error frame, styled
    assert "/static/css/site" in body
    for leak in ("Traceback", "OperationalError", "psycopg", "connection"):
        assert leak not in body


@pytest.mark.django_db
@pytest.mark.urls("tests.embassy.infrastructure.test_db_outage")
@pytest.mark.parametrize("url", ["/lost/", "/closed/"])
def test_a_lost_database_in_a_view_gives_the_styled_503_page(client, url):
    response = client.get(url)
    assert_outage_page(response.status_code, response.headers, response.text)


@pytest.mark.django_db
@pytest.mark.urls("tests.embassy.infrastructure.test_db_outage")
def test_a_request_that_fails_after_a_write_leaves_nothing_written(client):
    response = client.get("/save-then-fail/")
    assert response.status_code == 503
    assert not Clock.objects.filter(city="Half-saved").exists()


@pytest.mark.django_db
def test_a_lost_database_in_a_middleware_gives_the_503_page_too(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.LostDatabaseMiddleware"]
    response = Client(raise_request_exception=False).get("/")
    assert_outage_page(response.status_code, response.headers, response.text)


@pytest.mark.django_db
@pytest.mark.urls("tests.embassy.infrastructure.test_db_outage")
def test_other_errors_still_get_the_plain_500_page():
    response = Client(raise_request_exception=False).get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
    assert "Something went wrong" in response.text


def test_the_outage_page_needs_no_database():
    # Without the django_db mark any query would raise: rendering makes none.
    response = outage_response()
    assert response.status_code == 503
    assert OUTAGE_TITLE in response.text


def test_the_real_handler500_is_the_outage_aware_one():
    import embassy.urls

    assert embassy.urls.handler500 == "embassy.infrastructure.outage.server_error"


# --- the end-to-end outage against the real PostgreSQL -------------------------------------


@pytest.fixture
def site_behind_a_proxy(tmp_path, request):
    """gunicorn reaching a database of its own through a TCP proxy the test controls
    (indirect parameter: more settings for the app server)."""
    servers.require_postgresql()
    name = servers.database_name("outage")
    servers.create_database(name)
    proxy = server = None
    try:
        variables = {
            "STATIC_ROOT": str(servers.collected_static()),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        database = f"postgres://postgres@127.0.0.1:{{port}}/{name}?sslmode=disable"
        servers.prepare_site(
            launcher.server_environment(database.format(port=servers.PG_PORT), **variables)
        )
        proxy = servers.TcpProxy(servers.PG_PORT)
        server = launcher.AppServer(
            launcher.server_environment(
                database.format(port=proxy.port),
                CONN_MAX_AGE="60",
                DB_CONNECT_TIMEOUT="3",
                **variables,
                **getattr(request, "param", {}),
            ),
            tmp_path / "gunicorn.log",
            workers=2,
        )
        yield server, proxy, name
    finally:
        if server:
            server.stop()
        if proxy:
            proxy.close()
        servers.drop_database(name)


def row_counts(dbname):
    """Rows in every table of the site's database, read directly (not through the proxy)."""
    tables = servers.query(
        dbname,
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    return {
        table: servers.query(dbname, f'SELECT count(*) FROM "{table}"')[0][0]  # noqa: S608
        for (table,) in tables
    }


def open_connections(dbname):
    """The app servers' connections to their database (not counting this one)."""
    return servers.query(
        dbname,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (dbname,),
    )[0][0]


def article_sequence(dbname):
    (value,) = servers.query(
        dbname, "SELECT nextval(pg_get_serial_sequence('news_article', 'id'))"
    )[0]
    return value


def titles(dbname):
    return {title for (title,) in servers.query(dbname, "SELECT title FROM news_article")}


def post_article(browser, server, title, slug):
    status, _, page = browser.get(server.base_url, "/admin/news/article/add/")
    assert status == 200, server.log()[-4000:]
    published_at = timezone.localtime() - timedelta(minutes=5)
    form = servers.article_form(page, title, slug, published_at)
    return browser.post(server.base_url, "/admin/news/article/add/", form)


@pytest.mark.system
def test_database_outage_gives_503_loses_nothing_and_recovers_without_restart(
    site_behind_a_proxy,
):
    server, proxy, dbname = site_behind_a_proxy
    site = server.base_url
    browser = servers.Browser()

    # Before: pages, readiness and an admin save all work.
    status, _, page = browser.get(site, "/")
    assert status == 200, server.log()[-3000:]
    assert 'id="main"' in page and "page--error" not in page
    assert browser.get(site, "/readyz")[0] == 200
    browser.log_in_to_admin(site)
    status, _, page = post_article(browser, server, "Before the outage", "before-the-outage")
    assert status == 302, f"the add form was refused:\n{page[-4000:]}"
    assert "Before the outage" in titles(dbname)
    workers = server.worker_pids()

    # A blip: every worker's persistent connection is cut while idle and the database is back
    # at once. The next requests still succeed: each connection is checked before its first use
    # in a request (CONN_HEALTH_CHECKS) instead of failing the visitor's request.
    for _ in range(50):
        if open_connections(dbname) >= len(workers):
            break
        assert browser.get(site, "/")[0] == 200
    assert open_connections(dbname) == len(workers), "every worker keeps a connection"
    proxy.cut()
    proxy.restore()
    for _ in range(6):
        status, _, page = browser.get(site, "/")
        assert status == 200, f"a dead persistent connection reached a visitor:\n{page[-1000:]}"
    counts_before = row_counts(dbname)

    # The database goes away in the middle of an admin save: the article's INSERT reaches the
    # server and runs, then the connection is lost before the transaction can commit.
    status, _, page = browser.get(site, "/admin/news/article/add/")
    assert status == 200
    form = servers.article_form(
        page, "Saved during the outage", "during-the-outage", timezone.localtime()
    )
    sequence_before = article_sequence(dbname)
    proxy.cut_after(b'INSERT INTO "news_article"')
    outcome = browser.post(site, "/admin/news/article/add/", form)
    assert proxy.marker_seen.is_set() and proxy.cut_done.is_set()
    assert_outage_page(*outcome)

    # While it is away: visitors get the styled 503, the load balancer sees not-ready but alive.
    assert_outage_page(*browser.get(site, "/"))
    assert_outage_page(*browser.get(site, "/news/"))
    status, _, body = browser.get(site, "/readyz")
    assert status == 503
    assert '"failed": ["database"]' in body
    assert '"cache": "ok"' in body
    assert browser.get(site, "/healthz")[0] == 200
    # A second save while it is away fails at once, as cleanly.
    assert_outage_page(*browser.post(site, "/admin/news/article/add/", form))

    # Nothing half-written: the INSERT did run (the sequence moved on), yet no row of it, nor of
    # anything else, remains.
    assert article_sequence(dbname) > sequence_before + 1
    assert "Saved during the outage" not in titles(dbname)
    assert row_counts(dbname) == counts_before

    # The database comes back: the very next requests succeed, with the same processes.
    proxy.restore()
    for _ in range(6):
        status, _, page = browser.get(site, "/")
        assert status == 200, f"not recovered:\n{page[-2000:]}\n{server.log()[-3000:]}"
    assert browser.get(site, "/readyz")[0] == 200
    assert browser.get(site, "/admin/")[0] == 200  # still logged in: the session survived
    assert server.process.poll() is None
    assert server.worker_pids() == workers

    # The failed save left nothing; saving again now works.
    assert "Saved during the outage" not in titles(dbname)
    status, _, _ = browser.post(site, "/admin/news/article/add/", form)
    assert status == 302
    assert "Saved during the outage" in titles(dbname)


# --- a database that stops answering: connections open, nothing relayed -----------------------

SILENCE = {"DB_WAIT_TIMEOUT": "2", "DB_RETRY_SECONDS": "3"}


def timed_get(visitor, site, address):
    started = time.monotonic()
    result = visitor.get(site, address)
    return result, time.monotonic() - started


def away_from_a_minute_boundary():
    """Cached pages expire at every whole minute (the clock): start early in one, so that the
    pages cached before the silence are still the stored ones during it."""
    seconds = datetime.now().second
    if seconds > 35:
        time.sleep(61 - seconds)


@pytest.mark.system
@pytest.mark.parametrize("site_behind_a_proxy", [SILENCE], indirect=True)
def test_a_silent_database_gives_503_in_seconds_keeps_workers_and_cached_pages(
    site_behind_a_proxy,
):
    server, proxy, _ = site_behind_a_proxy
    site = server.base_url
    visitor = servers.Browser()
    away_from_a_minute_boundary()
    for address in ("/", "/consular/"):
        for _ in range(3):  # each worker's connection is opened and kept
            assert visitor.get(site, address)[0] == 200, server.log()[-3000:]
    workers = server.worker_pids()

    proxy.silence()
    # A page that needs the database: the 503 page once the wait bound has passed, not after
    # gunicorn's 30 s timeout; then at once while the database counts as silent.
    outcome, seconds = timed_get(visitor, site, "/news/events/")
    assert_outage_page(*outcome)
    assert seconds < 2 + 3, f"{seconds:.1f} s"
    outcome, seconds = timed_get(visitor, site, "/news/")
    assert_outage_page(*outcome)
    assert seconds < 2 + 3, f"{seconds:.1f} s"
    # Pages the cache holds are served all along, and the probes answer.
    for _ in range(4):
        for address in ("/", "/consular/"):
            (status, headers, _), seconds = timed_get(visitor, site, address)
            assert (status, headers.get("x-page-cache")) == (200, "hit"), address
            assert seconds < 1, f"{address}: {seconds:.1f} s"
    assert visitor.get(site, "/healthz")[0] == 200
    assert visitor.get(site, "/readyz")[0] == 503
    assert server.worker_pids() == workers, "no worker was killed"

    proxy.restore()
    time.sleep(3)
    for _ in range(4):
        status, _, page = visitor.get(site, "/news/")
        assert status == 200, f"not recovered:\n{page[-2000:]}\n{server.log()[-3000:]}"
    assert server.worker_pids() == workers
