"""Real servers for the reliability tests: PostgreSQL databases of their own, a site prepared for
the gunicorn app servers (started by tests/launcher.py, with the repo's config and DEBUG off), a
TCP proxy that can cut the database off, and a small HTTP client that keeps cookies and fills in
admin forms.

These tests use the machine's PostgreSQL (127.0.0.1:5432) directly, whatever DATABASE_URL the
suite runs with, so they run in both of CI's suite runs. Outside CI they skip with one line when
PostgreSQL is not there; under CI=true they fail instead.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import html.parser
import http.client
import os
import re
import shutil
import socket
import tempfile
import threading
import urllib.parse
from base64 import b32decode
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
from django_otp.oath import TOTP

from tests.helpers import unavailable
from tests.launcher import manage, server_environment

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
# This module's own Redis database; flushed before and after each use.
REDIS_URL = "redis://127.0.0.1:6379/11"
SUPERUSER, SUPERUSER_PASSWORD = "reliability-admin", "correct horse battery staple 7"


def require(service: str, check) -> None:
    """Skip (outside CI) or fail (in CI) when a service the test needs is not reachable."""
    try:
        check()
    except Exception as error:
        unavailable(f"{service} is not reachable ({str(error).strip().splitlines()[0]})")


def admin_connection(dbname: str = "postgres"):
    connection = psycopg2.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=dbname, connect_timeout=3
    )
    connection.autocommit = True
    return connection


def require_postgresql() -> None:
    require(f"PostgreSQL at {PG_HOST}:{PG_PORT}", lambda: admin_connection().close())


def require_redis() -> None:
    import redis

    require("Redis at 127.0.0.1:6379", lambda: redis.Redis.from_url(REDIS_URL).ping())


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def database_name(purpose: str) -> str:
    # The pid keeps two suite runs on one machine (two developers, or CI) out of each other's way.
    return f"embassy_reliability_{purpose}_{os.getpid()}"


def create_database(name: str) -> None:
    with contextlib.closing(admin_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    with contextlib.closing(admin_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(dbname: str, sql: str, params=()) -> list[tuple]:
    """Read the app servers' database directly, bypassing them."""
    with contextlib.closing(admin_connection(dbname)) as connection, connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def collected_static() -> Path:
    """STATIC_ROOT for the app servers: DEBUG off serves the hashed, compressed copies, which
    collectstatic makes. One folder per test process, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="embassy-static-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    manage(
        server_environment("sqlite://:memory:", STATIC_ROOT=str(folder)),
        "collectstatic",
        "--noinput",
        "-v0",
    )
    return folder


def prepare_site(environment: dict[str, str]) -> None:
    """A migrated database with the demo content and a superuser, as after `make serve`."""
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "load_demo", "--no-accounts")
    manage(
        {**environment, "DJANGO_SUPERUSER_PASSWORD": SUPERUSER_PASSWORD},
        "createsuperuser",
        "--noinput",
        "--username",
        SUPERUSER,
        "--email",
        "reliability@example.org",
    )


def request(
    base_url: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 20,
) -> tuple[int, dict[str, str], str]:
    """One HTTP request, no redirects followed: (status, headers with lower-case names, body)."""
    url = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read().decode("utf-8", errors="replace")
        response_headers: dict[str, str] = {}
        for name, value in response.getheaders():
            name = name.lower()
            response_headers[name] = (
                f"{response_headers[name]}\n{value}" if name in response_headers else value
            )
        return response.status, response_headers, content
    finally:
        connection.close()


@dataclass
class Browser:
    """Keeps cookies across requests to any of the app servers, as one visitor would across a
    load balancer: the same cookie jar whichever server answers. With `host`, every request
    names that host, as behind a load balancer; otherwise the server's own address."""

    cookies: dict[str, str] = field(default_factory=dict)
    host: str | None = None

    def fetch(self, base_url: str, method: str, path: str, form: list | None = None, **kwargs):
        headers = {"Host": self.host or urllib.parse.urlsplit(base_url).netloc}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # Django checks the Referer of https requests only; this one passes either way.
            headers["Referer"] = base_url + path
        status, response_headers, content = request(
            base_url, method, path, body=body, headers=headers, **kwargs
        )
        for line in response_headers.get("set-cookie", "").splitlines():
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return status, response_headers, content

    def get(self, base_url: str, path: str, **kwargs):
        return self.fetch(base_url, "GET", path, **kwargs)

    def post(self, base_url: str, path: str, form: list, **kwargs):
        return self.fetch(base_url, "POST", path, form=form, **kwargs)

    def log_in_to_admin(self, base_url: str) -> None:
        status, _, page = self.get(base_url, "/admin/login/?next=/admin/")
        assert status == 200, page[-2000:]
        fields = form_fields(page, "login-form")
        fields = [(name, value) for name, value in fields if name not in {"username", "password"}]
        fields += [("username", SUPERUSER), ("password", SUPERUSER_PASSWORD)]
        status, headers, page = self.post(base_url, "/admin/login/?next=/admin/", fields)
        assert status == 302, f"admin login failed ({status}):\n{page[-3000:]}"
        # The second factor: the superuser has none yet, so it sets up an authenticator app
        # from the secret the enrolment page shows, with the app's first code.
        enrol = headers["location"]
        assert enrol.startswith("/admin/second-factor/enrol/"), enrol
        status, _, page = self.get(base_url, enrol)
        assert status == 200, page[-2000:]
        secret = re.search(r'class="second-factor-secret">([A-Z2-7 ]+)<', page).group(1)
        code = f"{TOTP(b32decode(secret.replace(' ', ''))).token():06d}"
        fields = [
            (name, value)
            for name, value in form_fields(page, "second-factor-form")
            if name != "code"
        ]
        status, headers, page = self.post(base_url, enrol, [*fields, ("code", code)])
        assert status == 302, f"the second factor was refused ({status}):\n{page[-3000:]}"
        assert headers["location"].startswith("/admin/second-factor/recovery-codes/")


class _FormParser(html.parser.HTMLParser):
    """The fields a browser would submit from one form, with their current values."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_first = name, None, None
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option_value = value
            self._text = []
            if value is not None:
                if self._select_first is None:
                    self._select_first = value
                if "selected" in a:
                    self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self._select is not None:
            value = self._select_value if self._select_value is not None else self._select_first
            self.fields.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    parser = _FormParser(form_id)
    parser.feed(page)
    assert parser.fields, f"no form #{form_id} on the page:\n{page[-3000:]}"
    return parser.fields


def with_values(fields: list[tuple[str, str]], values: dict[str, str]) -> list[tuple[str, str]]:
    """The form's fields with some values replaced (or added when the form has no such field)."""
    replaced = [(name, values.get(name, value)) for name, value in fields]
    present = {name for name, _ in fields}
    return replaced + [(name, value) for name, value in values.items() if name not in present]


def article_form(page: str, title: str, slug: str, published_at) -> list[tuple[str, str]]:
    """The admin's add-article form as a browser would submit it, with a published speech.

    The form's own fields are kept (the newsroom extends it), only what the test needs is set.
    """
    fields = form_fields(page, "article_form")
    names = {name for name, _ in fields}
    values = {
        "title": title,
        "slug": slug,
        "kind": "speech",
        "status": "published",
        "body": f"<p>{title}: the text of the speech.</p>",
    }
    if "lead" in names:
        values["lead"] = f"{title}: the lead."
    if 'name="is_featured"' in page:  # an unticked checkbox submits nothing, so look at the page
        values["is_featured"] = "on"
    if "published_at_0" in names:
        values["published_at_0"] = published_at.strftime("%Y-%m-%d")
        values["published_at_1"] = published_at.strftime("%H:%M:%S")
    else:
        values["published_at"] = published_at.strftime("%Y-%m-%d %H:%M:%S")
    # A translated field has an input per language, the default language's first (title_en).
    for name in ("title", "body", "lead"):
        inputs = [field for field, _ in fields if field.startswith(f"{name}_")]
        if name in values and name not in names and inputs:
            values[inputs[0]] = values.pop(name)
    return with_values(fields, values)


class TcpProxy:
    """127.0.0.1:<port> → a target address, that a test can cut and restore.

    cut(): every open connection is closed at once and new ones are closed as soon as they are
    accepted, as when the database server goes away. restore(): connections pass again.
    cut_after(marker): the next client message containing `marker` reaches the server, and the
    moment the server answers it — the statement has run inside the request's transaction — the
    answer is dropped and everything is cut: the client loses the database mid-request.
    silence(): connections stay open, new ones are accepted, and nothing is relayed either way,
    as on a network partition: the client waits for an answer that never comes. restore() then
    closes the silenced connections (what was dropped can't be replayed).
    """

    def __init__(self, target_port: int, target_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._down = False
        self._silent = False
        self._held: set[socket.socket] = set()
        self._marker: bytes | None = None
        self._armed_pair: tuple[socket.socket, socket.socket] | None = None
        self.marker_seen = threading.Event()
        self.cut_done = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                down, silent = self._down, self._silent
                if silent:
                    self._held.add(client)
            if down:
                _reset(client)
                continue
            if silent:
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        tail = b""
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                with self._lock:
                    if self._silent:
                        self._held.update((source, sink))
                        continue
                if not from_client:
                    with self._lock:
                        armed = self._armed_pair
                    if armed is not None and source is armed[1]:
                        # The server answered the marked statement: it ran. Drop the answer.
                        self.cut()
                        self.cut_done.set()
                        break
                else:
                    with self._lock:
                        marker = self._marker
                    if marker is not None and marker in tail + data:
                        with self._lock:
                            self._marker = None
                            self._armed_pair = (source, sink)
                        self.marker_seen.set()
                    tail = (tail + data)[-4096:]
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self._lock:
            self._down = True
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _reset(sock)

    def cut_after(self, marker: bytes) -> None:
        with self._lock:
            self._marker = marker

    def silence(self) -> None:
        with self._lock:
            self._silent = True

    def restore(self) -> None:
        with self._lock:
            self._down = self._silent = False
            self._marker = None
            self._armed_pair = None
            held, self._held = self._held, set()
        for sock in held:
            _reset(sock)

    def close(self) -> None:
        self._closed = True
        self.restore()
        self.cut()
        with contextlib.suppress(OSError):
            self.listener.close()


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
