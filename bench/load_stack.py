"""The stack `make loadtest` drives (bench/loadtest.py): the app servers behind the real
deploy/nginx.conf, and wrk with its summary read as numbers."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

# The one gunicorn launcher and the one way to run deploy/nginx.conf, shared with the system
# tests (bench/ and tests/ are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import nginx as edge_stack
from tests.launcher import AppServer, free_port

# wrk's summary as one JSON line, from its own counters: no parsing of the human report. The
# site's host name is in no DNS: wrk connects to 127.0.0.1 and sends the name in TLS (SNI),
# which nginx needs to pick the site's server (any other name is refused).
WRK_SCRIPT = """
function wrk.resolve(host, service)
  wrk.addrs = wrk.lookup("127.0.0.1", service)
end
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "status": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""
# Not a session the site issued: served as anonymous, but nginx passes it to the app servers.
MADE_UP_SESSION = "Cookie: sessionid=loadtest-made-up-session"
EDGE_GOAL = 0.5
STALE = {"STALE", "UPDATING"}


class Stack:
    """The run's app servers and, unless --direct, nginx with deploy/nginx.conf in front."""

    def __init__(self, work: Path, args):
        self.work, self.args = work, args
        self.app_servers: list[AppServer] = []
        self.nginx: edge_stack.Nginx | None = None
        self.https_port = 0

    def start(self, environment: dict) -> None:
        for number in range(1 if self.args.direct else 2):
            self.app_servers.append(
                AppServer(
                    environment,
                    self.work / f"gunicorn-{number}.log",
                    workers=self.args.workers,
                    access_log=False,
                )
            )
        if self.args.direct:
            return
        folder = self.work / "nginx"
        folder.mkdir()
        certificate = edge_stack.self_signed_certificate(self.args.openssl, folder)
        self.https_port = free_port()
        site = edge_stack.fill(
            edge_stack.CONFIG.read_text(),
            edge_stack.placeholder_values(
                certificate,
                self.work / "media",
                [f"127.0.0.1:{server.port}" for server in self.app_servers],
            ),
        )
        site = edge_stack.on_loopback(site, self.https_port, free_port())
        main = edge_stack.main_config(folder, site, access_log=False)
        self.nginx = edge_stack.Nginx(self.args.nginx, main, self.https_port)

    def url(self, path: str) -> str:
        if self.args.direct:
            return f"{self.app_servers[0].base_url}{path}"
        return f"https://{edge_stack.SERVER_NAME}:{self.https_port}{path}"

    def get(self, path: str) -> tuple[int, str, bytes]:
        """A GET through nginx: (status, X-Edge-Cache, body); status 0 when nothing answered."""
        try:
            code, found, body = edge_stack.request(self.https_port, "GET", path, timeout=5)
        except (OSError, http.client.HTTPException):
            return 0, "", b""
        return code, ",".join(edge_stack.header_values(found, "X-Edge-Cache")), body

    def signal_app_servers(self, signum: int) -> None:
        """`signum` to every gunicorn process: the masters first when stopping, so that none
        starts a worker meanwhile, and last when resuming."""
        for server in self.app_servers:
            master, workers = server.process.pid, sorted(server.worker_pids())
            order = [master, *workers] if signum == signal.SIGSTOP else [*workers, master]
            for pid in order:
                os.kill(pid, signum)

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        for server in self.app_servers:
            server.stop()


def run_wrk(stack: Stack, path: str, seconds: int, *headers: str) -> dict:
    return finish_wrk(start_wrk(stack, path, seconds, *headers), seconds)


def start_wrk(stack: Stack, path: str, seconds: int, *headers: str) -> subprocess.Popen:
    args = stack.args
    command = [args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s"]
    command += ["--timeout", "10s", "-s", str(stack.work / "summary.lua")]
    if not args.direct:
        headers = (f"Host: {edge_stack.SERVER_NAME}", *headers)
    for header in headers:
        command += ["-H", header]
    return subprocess.Popen(
        [*command, stack.url(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish_wrk(wrk: subprocess.Popen, seconds: int) -> dict:
    output, _ = wrk.communicate(timeout=seconds * 3 + 30)
    try:
        return json.loads(output.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"wrk gave no summary:\n{output}") from None


def socket_errors(summary: dict) -> int:
    return sum(summary[kind] for kind in ("connect", "read", "write", "timeout"))


def rate(summary: dict) -> float:
    return summary["requests"] / (summary["duration_us"] / 1e6)
