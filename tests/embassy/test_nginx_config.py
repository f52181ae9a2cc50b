"""deploy/nginx.conf, the example reverse proxy of docs/deploy.md: nginx accepts it (`nginx -t`),
and, run for real in front of the live test server, it does what the guide says.

Needs Debian's nginx (`apt-get install nginx-light`) and the openssl tool for a throwaway
certificate; without them the tests skip with a one-line hint, and under CI=true they fail.
"""

import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from tests import servers
from tests.helpers import unavailable
from tests.launcher import free_port

NGINX_CONFIG = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")
SERVER_NAME = "www.embassy.example"
EDGE_CACHE = "/var/cache/nginx/embassy"


def require(tool: str, package: str) -> str:
    found = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/bin:/sbin:/bin")
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
    folder = tmp_path_factory.mktemp("tls")
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", f"/CN={SERVER_NAME}", "-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return certificate, key


def fill(template: str, values: dict[str, str]) -> str:
    assert set(PLACEHOLDER.findall(template)) == set(values), "placeholders changed"
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def main_config(folder: Path, site: str) -> Path:
    """A whole nginx.conf around the site config, like Debian's, but all inside `folder`."""
    assert EDGE_CACHE in site, "the edge cache's folder moved"
    (folder / "site.conf").write_text(site.replace(EDGE_CACHE, str(folder / "edge-cache")))
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"};
events {{ worker_connections 64; }}
http {{
    access_log {folder / "access.log"};
{temp_paths}
    include {folder / "site.conf"};
}}
"""
    )
    return main


def nginx_command(nginx: str, main: Path, *arguments: str) -> list[str]:
    folder = main.parent
    return [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main), *arguments]


def placeholder_values(certificate, media_root: Path, app_servers: list[str]) -> dict[str, str]:
    return {
        "SERVER_NAME": SERVER_NAME,
        "TLS_CERTIFICATE": str(certificate[0]),
        "TLS_CERTIFICATE_KEY": str(certificate[1]),
        "MEDIA_ROOT": str(media_root),
        "APP_SERVER_1": app_servers[0],
        "APP_SERVER_2": app_servers[1],
    }


@pytest.mark.system
def test_example_config_passes_nginx_t(nginx, certificate, tmp_path):
    site = fill(
        NGINX_CONFIG.read_text(),
        placeholder_values(certificate, tmp_path / "media", ["10.0.0.11:8000", "10.0.0.12:8000"]),
    )
    result = subprocess.run(
        nginx_command(nginx, main_config(tmp_path, site), "-t"),
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
        raw = socket.create_connection(
            ("127.0.0.1", self.https_port if tls else self.http_port), timeout=10
        )
        if tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            raw = context.wrap_socket(raw, server_hostname=host)
        connection = HTTPConnection(host, timeout=10)
        connection.sock = raw
        try:
            connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()


def header_values(headers, name):
    return [value for key, value in headers if key.lower() == name.lower()]


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
    site = fill(
        NGINX_CONFIG.read_text(),
        placeholder_values(certificate, settings.MEDIA_ROOT, [live, down]),
    )
    site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.M)
    site = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https_port}", site)
    site = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", site)
    main = main_config(tmp_path, site)
    process = subprocess.Popen(
        nginx_command(nginx, main, "-g", "daemon off;"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
                time.sleep(0.05)
        yield Proxy(https_port, http_port, app)
    finally:
        process.terminate()
        process.wait(timeout=10)
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
def test_logins_over_the_rate_get_the_sites_429_page(proxy):
    statuses = [proxy.request("GET", "/admin/login/")[0] for _ in range(9)]
    assert statuses[0] == 200
    assert statuses[-1] == 429
