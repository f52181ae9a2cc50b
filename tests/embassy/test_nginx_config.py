"""deploy/nginx.conf, the example reverse proxy of docs/deploy.md: nginx accepts it (`nginx -t`),
and, run for real in front of the live test server, it does what the guide says.

Needs Debian's nginx (`apt-get install nginx-light`) and the openssl tool for a throwaway
certificate; without them the tests skip with a one-line hint, and under CI=true they fail.
"""

import re
import ssl
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from tests import nginx as stack
from tests import servers
from tests.helpers import unavailable
from tests.launcher import free_port
from tests.nginx import CONFIG as NGINX_CONFIG
from tests.nginx import PLACEHOLDER, SERVER_NAME, header_values


def require(tool: str, package: str) -> str:
    found = stack.find_tool(tool)
    if found:
        return found
    unavailable(f"The nginx config tests need {tool}: install it with 'apt-get install {package}'.")


@pytest.fixture(scope="module")
def nginx():
    return require("nginx", "nginx-light")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for SERVER_NAME, made for the test."""
    openssl = require("openssl", "openssl")
    return stack.self_signed_certificate(openssl, tmp_path_factory.mktemp("tls"))


@pytest.mark.system
def test_example_config_passes_nginx_t(nginx, certificate, tmp_path):
    site = stack.fill(
        NGINX_CONFIG.read_text(),
        stack.placeholder_values(
            certificate, tmp_path / "media", ["10.0.0.11:8000", "10.0.0.12:8000"]
        ),
    )
    result = subprocess.run(
        stack.nginx_command(nginx, stack.main_config(tmp_path, site), "-t"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    assert "[emerg]" not in result.stderr


def test_upload_limit_matches_the_sites():
    match = re.search(r"^\s*client_max_body_size (\d+)m;", NGINX_CONFIG.read_text(), re.M)
    assert match, "client_max_body_size is gone"
    assert int(match.group(1)) * 1024 * 1024 == settings.MAX_UPLOAD_BYTES


def test_deploy_guide_fills_every_placeholder_and_no_other():
    guide = (Path(settings.BASE_DIR) / "docs" / "deploy.md").read_text()
    placeholders = set(PLACEHOLDER.findall(NGINX_CONFIG.read_text()))
    command = re.search(r"envsubst '([^']*)'", guide)
    assert command, "the guide's envsubst command is gone"
    assert set(PLACEHOLDER.findall(command.group(1))) == placeholders
    for name in placeholders:
        assert f"`${{{name}}}`" in guide, f"{name} is not explained in docs/deploy.md"


# --- The example run for real: TLS on a loopback port, in front of the live test server ------


class Proxy:
    def __init__(self, https_port: int, http_port: int, app: servers.TcpProxy):
        self.https_port, self.http_port = https_port, http_port
        self.app = app  # the way to the app server: app.cut() is an app outage

    def request(self, method, path, *, host=SERVER_NAME, tls=True, headers=None, body=None):
        """One request; returns (status, headers as a list of pairs, body)."""
        port = self.https_port if tls else self.http_port
        return stack.request(port, method, path, host=host, tls=tls, headers=headers, body=body)


@pytest.fixture
def proxy(nginx, certificate, tmp_path, live_server, settings):
    # The site as deployed behind the proxy: the proxy's header trusted, its host name only.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = [SERVER_NAME]
    # The first app server is the live server, through a connection a test can cut; the
    # second one is down: nginx must send everything to the first.
    app = servers.TcpProxy(int(live_server.url.rsplit(":", 1)[1]))
    live = f"127.0.0.1:{app.port}"
    down = f"127.0.0.1:{free_port()}"
    https_port, http_port = free_port(), free_port()
    site = stack.fill(
        NGINX_CONFIG.read_text(),
        stack.placeholder_values(certificate, settings.MEDIA_ROOT, [live, down]),
    )
    site = stack.on_loopback(site, https_port, http_port)
    try:
        server = stack.Nginx(nginx, stack.main_config(tmp_path, site), https_port)
    except RuntimeError as error:
        app.close()
        pytest.fail(str(error))
    try:
        yield Proxy(https_port, http_port, app)
    finally:
        server.stop()
        app.close()


def through_the_proxy(test):
    """nginx, a process of its own, in front of the live server, which sees the test's rows only
    once they are committed."""
    return pytest.mark.system(pytest.mark.django_db(transaction=True)(test))


@through_the_proxy
def test_pages_come_from_the_app_servers_with_each_security_header_once(proxy):
    for _ in range(4):  # round robin would send half of these to the server that is down
        status, headers, body = proxy.request("GET", "/")
        assert status == 200
    assert b"<main" in body
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    ):
        assert len(header_values(headers, name)) == 1, name
    # HSTS is Django's alone (off in the test server, started before this test could turn it
    # on): the proxy adds none of its own to the site's pages.
    assert header_values(headers, "Strict-Transport-Security") == []
    assert header_values(headers, "Server") == ["nginx"]  # no version number


@through_the_proxy
def test_the_site_sees_https_and_its_host_name_through_the_proxy(proxy):
    # Absolute links are built from the request: scheme from X-Forwarded-Proto, host from Host.
    status, _, body = proxy.request("GET", "/news/feed/rss/")
    assert status == 200
    assert f"<link>https://{SERVER_NAME}/".encode() in body
    assert b"http://" + SERVER_NAME.encode() not in body


@through_the_proxy
def test_plain_http_is_redirected_and_unknown_hosts_get_nothing(proxy):
    status, headers, _ = proxy.request("GET", "/news/?page=2", tls=False)
    assert status == 301
    assert header_values(headers, "Location") == [f"https://{SERVER_NAME}/news/?page=2"]
    with pytest.raises((ssl.SSLError, ConnectionError)):
        proxy.request("GET", "/", host="other.example")
    with pytest.raises((ConnectionError, OSError)):
        proxy.request("GET", "/", host="other.example", tls=False)


@through_the_proxy
def test_uploads_are_served_as_pictures_only_with_nosniff_and_a_sandbox(proxy, settings):
    folder = Path(settings.MEDIA_ROOT) / "images" / "2024"
    folder.mkdir(parents=True)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    (folder / "photo.webp").write_bytes(b"RIFF\0\0\0\0WEBP")
    (folder / "page.html").write_text("<script>alert(1)</script>")
    (folder / "drawing.svg").write_text("<svg onload='alert(1)'/>")
    (folder / "photo.png.php").write_text("<?php echo 1;")

    status, headers, body = proxy.request("GET", "/media/images/2024/photo.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    assert header_values(headers, "Content-Type") == ["image/png"]
    assert header_values(headers, "X-Content-Type-Options") == ["nosniff"]
    assert header_values(headers, "Content-Security-Policy") == ["default-src 'none'; sandbox"]
    status, headers, _ = proxy.request("GET", "/media/images/2024/photo.webp")
    assert (status, header_values(headers, "Content-Type")) == (200, ["image/webp"])
    for refused in ("page.html", "drawing.svg", "photo.png.php", ""):
        status, _, body = proxy.request("GET", f"/media/images/2024/{refused}")
        assert status == 404, refused
    status, _, _ = proxy.request("GET", "/media/../../etc/passwd.png")
    assert status in {400, 404}


@through_the_proxy
def test_a_body_over_the_upload_limit_is_refused_by_the_proxy(proxy):
    too_large = settings.MAX_UPLOAD_BYTES + 1
    status, _, _ = proxy.request(
        "POST",
        "/admin/login/",
        headers={"Content-Type": "multipart/form-data; boundary=x", "Content-Length": too_large},
    )
    assert status == 413


# --- The edge cache and the rate limits ---------------------------------------------------


def edge(headers) -> str:
    return header_values(headers, "X-Edge-Cache")[0]


@through_the_proxy
def test_anonymous_pages_are_kept_at_the_edge_and_staff_pass_straight_through(proxy):
    # Early in a minute: a page rendered in its last second would be kept for 0 s (not at all).
    with time_machine.travel(datetime.now(UTC).replace(second=10), tick=True):
        assert edge(proxy.request("GET", "/consular/")[1]) == "MISS"
        status, headers, body = proxy.request("GET", "/consular/")
        assert (status, edge(headers)) == (200, "HIT")
        assert b"<main" in body
        status, headers, _ = proxy.request("GET", "/consular/", headers={"Cookie": "sessionid=x"})
        assert (status, edge(headers)) == (200, "BYPASS")
        # The admin is never kept: private, and every answer varies by who asks.
        proxy.request("GET", "/admin/login/")
        assert edge(proxy.request("GET", "/admin/login/")[1]) != "HIT"


@through_the_proxy
def test_pages_seen_before_are_served_while_every_app_server_is_down(proxy):
    # Two seconds before a whole minute, so the stored pages go stale within two seconds.
    with time_machine.travel(datetime(2026, 6, 1, 9, 59, 58, tzinfo=UTC), tick=True):
        for path in ("/", "/consular/"):
            status, headers, _ = proxy.request("GET", path)
            assert status == 200
            (cache_control,) = header_values(headers, "Cache-Control")
            assert re.fullmatch(r"public, max-age=0, s-maxage=[12]", cache_control)
        # nginx counts expiry in whole seconds of a clock it updates now and then: a margin.
        time.sleep(4.5)
        proxy.app.cut()
        try:
            for path in ("/", "/consular/"):
                status, headers, body = proxy.request("GET", path)
                assert (status, edge(headers)) == (200, "STALE"), path
                assert b"<main" in body
            # A page nobody asked for before has nothing to fall back on.
            assert proxy.request("GET", "/news/events/")[0] in {502, 504}
        finally:
            proxy.app.restore()
        # Back: the next request refreshes the page.
        status, headers, _ = proxy.request("GET", "/")
        assert status == 200 and edge(headers) in {"EXPIRED", "UPDATING", "STALE", "MISS"}


@through_the_proxy
def test_searches_over_the_rate_get_the_sites_429_page(proxy):
    answers = [proxy.request("GET", f"/news/search/?q=talks{number}") for number in range(16)]
    assert answers[0][0] == 200
    refused = [body for status, _, body in answers if status == 429]
    assert refused, [status for status, _, _ in answers]
    assert b"<h1>Too many requests</h1>" in refused[0]
    # Other pages are not limited.
    assert proxy.request("GET", "/news/")[0] == 200


@through_the_proxy
def test_russian_searches_are_limited_too(proxy):
    answers = [proxy.request("GET", f"/ru/news/search/?q=talks{number}") for number in range(16)]
    assert answers[0][0] == 200
    assert 429 in [status for status, _, _ in answers]


@through_the_proxy
def test_the_edge_keeps_each_language_at_its_address_and_never_stores_a_first_visit(proxy):
    # Early in a minute: a page rendered in its last second would be kept for 0 s (not at all).
    with time_machine.travel(datetime.now(UTC).replace(second=10), tick=True):
        english, russian = {"Accept-Language": "en"}, {"Accept-Language": "ru"}
        for _ in range(2):
            status, headers, body = proxy.request("GET", "/news/", headers=english)
            assert (status, header_values(headers, "Content-Language")) == (200, ["en"])
        assert edge(headers) == "HIT"
        # A browser preferring Russian is sent to the Russian address, not given the stored page,
        status, headers, _ = proxy.request("GET", "/news/", headers=russian)
        assert (status, header_values(headers, "Location")) == (302, ["/ru/news/"])
        # and the redirect was not stored for anyone.
        status, headers, _ = proxy.request("GET", "/news/", headers=english)
        assert (status, header_values(headers, "Content-Language")) == (200, ["en"])
        for headers_sent in (russian, english, {"Cookie": "django_language=en"}):
            status, headers, body = proxy.request("GET", "/ru/news/", headers=headers_sent)
            assert (status, header_values(headers, "Content-Language")) == (200, ["ru"])
            assert b'<html lang="ru">' in body


@through_the_proxy
def test_logins_over_the_rate_get_the_sites_429_page(proxy):
    statuses = [proxy.request("GET", "/admin/login/")[0] for _ in range(9)]
    assert statuses[0] == 200
    assert statuses[-1] == 429
