"""deploy/nginx.conf run for real on loopback, for its tests (tests/embassy/test_nginx_config.py)
and for `make loadtest` (bench/loadtest.py): the placeholders filled, a throwaway certificate,
the listens moved to loopback ports, the edge cache in a folder of the run's own, a main
nginx.conf around it, nginx in the foreground, and a request over TLS with the site's host name.

Standard library only: bench/loadtest.py imports it with neither pytest nor Django loaded
(`make loadtest` installs only the runtime dependencies).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

from tests.launcher import ROOT

CONFIG = ROOT / "deploy" / "nginx.conf"
PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")
SERVER_NAME = "www.embassy.example"
EDGE_CACHE = "/var/cache/nginx/embassy"


def find_tool(name: str) -> str | None:
    """A program on PATH, or in the sbin folders a non-root PATH leaves out (Debian's nginx)."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")


def self_signed_certificate(openssl: str, folder: Path) -> tuple[Path, Path]:
    """A certificate for SERVER_NAME, valid for a day, and its key: (certificate, key)."""
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


def placeholder_values(
    certificate: tuple[Path, Path], media_root: Path | str, app_servers: list[str]
) -> dict[str, str]:
    return {
        "SERVER_NAME": SERVER_NAME,
        "TLS_CERTIFICATE": str(certificate[0]),
        "TLS_CERTIFICATE_KEY": str(certificate[1]),
        "MEDIA_ROOT": str(media_root),
        "APP_SERVER_1": app_servers[0],
        "APP_SERVER_2": app_servers[1],
    }


def fill(template: str, values: dict[str, str]) -> str:
    """The config with its ${...} placeholders filled, as envsubst does in docs/deploy.md."""
    assert set(PLACEHOLDER.findall(template)) == set(values), "placeholders changed"
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def on_loopback(site: str, https_port: int, http_port: int) -> str:
    """The site config listening on 127.0.0.1 only: 443 and 80 moved to the given ports, the
    IPv6 listens dropped."""
    site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.M)
    site = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https_port}", site)
    return re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", site)


def main_config(folder: Path, site: str, access_log: bool = True) -> Path:
    """A whole nginx.conf around the site config, like Debian's, but all inside `folder`, the
    edge cache included. access_log=False leaves the access log out (a load test's requests
    would flood it); errors are still logged, to folder/error.log."""
    assert EDGE_CACHE in site, "the edge cache's folder moved"
    (folder / "site.conf").write_text(site.replace(EDGE_CACHE, str(folder / "edge-cache")))
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    log = f"access_log {folder / 'access.log'};" if access_log else "access_log off;"
    main = folder / "nginx.conf"
    main.write_text(
        f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"};
events {{ worker_connections 1024; }}
http {{
    {log}
{temp_paths}
    include {folder / "site.conf"};
}}
"""
    )
    return main


def nginx_command(nginx: str, main: Path, *arguments: str) -> list[str]:
    folder = main.parent
    return [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main), *arguments]


class Nginx:
    """nginx in the foreground with a config from main_config(), until stop(). Ready once `port`
    on 127.0.0.1 accepts connections; RuntimeError with nginx's complaint when it does not."""

    def __init__(self, nginx: str, main: Path, port: int, seconds: float = 10):
        self.folder = main.parent
        self._stderr = (self.folder / "stderr.log").open("wb")
        self.process = subprocess.Popen(
            nginx_command(nginx, main, "-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
        )
        deadline = time.monotonic() + seconds
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"nginx did not start: {self.errors()}") from None
                time.sleep(0.05)

    def errors(self) -> str:
        """What nginx wrote to its error log and its standard error."""
        return "".join(
            path.read_text(errors="replace")
            for path in (self.folder / "stderr.log", self.folder / "error.log")
            if path.exists()
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self._stderr.close()


def request(
    port: int,
    method: str,
    path: str,
    *,
    host: str = SERVER_NAME,
    tls: bool = True,
    headers: dict | None = None,
    body: bytes | None = None,
    timeout: float = 10,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request to 127.0.0.1:<port>, over TLS with `host` as the server name (the
    certificate is not checked) unless tls=False; returns (status, headers as a list of pairs,
    body)."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        raw = context.wrap_socket(raw, server_hostname=host)
    connection = http.client.HTTPConnection(host, timeout=timeout)
    connection.sock = raw
    try:
        connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def header_values(headers: list[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in headers if key.lower() == name.lower()]
