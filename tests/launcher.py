"""The one gunicorn launcher, for the system tests (tests/servers.py) and for bench/ (`make bench`,
`make loadtest`): the production profile's environment, manage.py in a fresh interpreter, and
gunicorn with the repo's gunicorn.conf.py on a free loopback port, watched through its workers.

Standard library only: bench/'s scripts import it with neither pytest nor a Django settings
module loaded (`make loadtest` installs only the runtime dependencies).
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_pids(parent: int) -> set[int]:
    """The live child processes of `parent` (gunicorn's workers), read from /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        # After the command name: state, parent pid. A zombie is a worker already gone.
        if int(fields[1]) == parent and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


def server_environment(database_url: str, **variables: str) -> dict[str, str]:
    """The production profile on loopback: DEBUG off, a real secret key, nothing read from a .env
    file, plain http (no redirect to https, cookies not limited to https)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "PYTEST_"))
    }
    environment.update(
        ENV_FILE="/dev/null",
        DJANGO_SETTINGS_MODULE="embassy.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        PYTHONUNBUFFERED="1",
    )
    environment.update(variables)
    return environment


def manage(
    environment: dict[str, str],
    *arguments: str,
    show_output: bool = False,
    timeout: float | None = 300,
) -> str:
    """`manage.py <arguments>` in a fresh interpreter: its output, or an error carrying that
    output when it fails. show_output lets the output through instead (a long command's
    progress)."""
    captured = None if show_output else subprocess.PIPE
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments, "--no-color"],
        cwd=ROOT,
        env=environment,
        stdout=captured,
        stderr=captured,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(arguments)} failed (exit {result.returncode}):\n"
            f"{result.stdout or ''}\n{result.stderr or ''}"
        )
    return result.stdout or ""


def status(url: str, timeout: float = 2) -> int | None:
    """The HTTP status `url` answers a GET with, or None when nothing answers there."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def wait_for(url: str, seconds: float = 60) -> None:
    """Until `url` answers 200."""
    deadline = time.monotonic() + seconds
    while status(url) != 200:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {seconds} s")
        time.sleep(0.2)


class AppServer:
    """gunicorn with the repo's gunicorn.conf.py on a free loopback port: a real, separate
    process, as in production. Ready once /healthz answers and every worker has started.

    access_log=False leaves the access log out (a load test's requests would flood it); errors
    are still logged.
    """

    def __init__(
        self,
        environment: dict[str, str],
        log_path: Path,
        workers: int = 2,
        access_log: bool = True,
    ):
        self.port = free_port()
        self.workers = workers
        self.log_path = log_path
        self._log = log_path.open("wb")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
        ]
        if not access_log:
            command += ["--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._wait_until_serving()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> set[int]:
        return child_pids(self.process.pid)

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            if status(f"{self.base_url}/healthz") == 200 and (
                len(self.worker_pids()) == self.workers
            ):
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.log()[-4000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # quick shutdown
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
