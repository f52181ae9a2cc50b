"""`make loadtest`: a bounded load test of the production stack on loopback, with a fault.

It migrates a private SQLite database, loads the demo content, collects the static files, and
starts the app servers: gunicorn with the repo's gunicorn.conf.py and DEBUG off, behind nginx as
in docs/deploy.md (two app servers by default). Then wrk drives the home page for --duration
seconds at --connections connections, and halfway through one gunicorn worker is killed with
SIGKILL, as the kernel's OOM killer or a crash would. It passes only with zero socket errors and
zero non-2xx/3xx responses, and with the master having replaced the killed worker.

--direct points wrk at one gunicorn without nginx: the request the killed worker was serving
then dies with it, which wrk counts as a read error, because a sync worker's open connection
belongs to that process alone. In production, nginx retries such an idempotent request on
another app server (proxy_next_upstream), which is what the default run shows.

Not part of `make test`: it takes a minute and loads the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

# The one gunicorn launcher, shared with the system tests (bench/ and tests/ are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.launcher import AppServer, free_port, manage, server_environment, wait_for

# wrk's summary as one JSON line, from its own counters: no parsing of the human report.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "status": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""

NGINX_CONFIG = """
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    upstream embassy {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://embassy;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A request whose app server died under it goes to another one. nginx retries only
            # idempotent requests (GET, HEAD): a POST is never sent twice.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
            # Buffer in memory only: the workers may not write to this private folder.
            proxy_max_temp_file_size 0;
        }}
    }}
}}
"""


def environment_for(work: Path, args) -> dict:
    return server_environment(
        args.database_url or f"sqlite:///{work / 'loadtest.sqlite3'}",
        # Shared by every worker of every app server, as Redis is in production.
        CACHE_URL=args.cache_url or f"filecache://{work / 'cache'}",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
    )


def run(args) -> bool:
    work = Path(tempfile.mkdtemp(prefix="embassy-loadtest-"))
    environment = environment_for(work, args)
    started: list[AppServer] = []
    nginx = None
    try:
        print("Preparing: migrate, demo content, collectstatic …", flush=True)
        manage(environment, "migrate", "--noinput")
        manage(environment, "load_demo", "--no-accounts")
        manage(environment, "collectstatic", "--noinput")
        app_servers = 1 if args.direct else args.app_servers
        for number in range(app_servers):
            started.append(
                AppServer(
                    environment,
                    work / f"gunicorn-{number}.log",
                    workers=args.workers,
                    access_log=False,
                )
            )
        if args.direct:
            url = f"http://127.0.0.1:{started[0].port}{args.path}"
        else:
            port = free_port()
            upstreams = "\n".join(
                f"        server 127.0.0.1:{server.port} max_fails=0;" for server in started
            )
            config = work / "nginx.conf"
            config.write_text(
                textwrap.dedent(NGINX_CONFIG).format(work=work, servers=upstreams, port=port)
            )
            nginx = subprocess.Popen(
                [args.nginx, "-c", str(config), "-p", str(work)],
                stdout=subprocess.DEVNULL,
                stderr=(work / "nginx-stderr.log").open("wb"),
            )
            url = f"http://127.0.0.1:{port}{args.path}"
        wait_for(url)
        topology = (
            "one gunicorn, no proxy"
            if args.direct
            else f"nginx in front of {app_servers} gunicorn app servers"
        )
        print(
            f"Load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s {url} "
            f"({topology}, {args.workers} sync workers each, DEBUG off)",
            flush=True,
        )
        script = work / "summary.lua"
        script.write_text(WRK_SCRIPT)
        wrk = subprocess.Popen(
            [
                args.wrk,
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                url,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        time.sleep(args.duration / 2)
        victim_server = started[0]
        before = victim_server.worker_pids()
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        print(
            f"Killed gunicorn worker {victim} with SIGKILL at {args.duration / 2:.0f} s", flush=True
        )
        output, _ = wrk.communicate(timeout=args.duration * 3 + 30)
        after = victim_server.worker_pids()
        replaced = victim not in after and len(after) == args.workers
        summary = json.loads(output.strip().splitlines()[-1])
        retried = None
        if nginx is not None:
            # Each request a dead worker dropped, which nginx then sent to another server.
            log = (work / "nginx-error.log").read_text(errors="replace")
            retried = sum("upstream" in line and "[error]" in line for line in log.splitlines())
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        for server in started:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    socket_errors = sum(summary[kind] for kind in ("connect", "read", "write", "timeout"))
    seconds = summary["duration_us"] / 1e6
    print()
    print(f"requests:          {summary['requests']} in {seconds:.1f} s")
    print(f"throughput:        {summary['requests'] / seconds:.0f} requests/s")
    print(
        f"latency:           p50 {summary['p50_us'] / 1000:.1f} ms, "
        f"p99 {summary['p99_us'] / 1000:.1f} ms, max {summary['max_us'] / 1000:.1f} ms"
    )
    print(
        f"socket errors:     {socket_errors} (connect {summary['connect']}, read "
        f"{summary['read']}, write {summary['write']}, timeout {summary['timeout']})"
    )
    print(f"non-2xx/3xx:       {summary['status']}")
    print(f"killed worker:     {'replaced by the master' if replaced else 'NOT replaced'}")
    if retried is not None:
        print(f"nginx retried:     {retried} request(s) on another app server")
    passed = socket_errors == 0 and summary["status"] == 0 and summary["requests"] > 0 and replaced
    print("PASSED" if passed else "FAILED")
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=40, help="seconds of load (default 40)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per app server")
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--path", default="/")
    parser.add_argument("--direct", action="store_true", help="wrk straight at one gunicorn")
    parser.add_argument("--database-url", help="default: a private SQLite file")
    parser.add_argument("--cache-url", help="default: a private file-based cache")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    args = parser.parse_args()
    if not 1 <= args.duration <= 300:
        sys.exit("--duration must be between 1 and 300 seconds: this is a bounded test.")
    for tool in [args.wrk] + ([] if args.direct else [args.nginx]):
        if not Path(tool).exists():
            sys.exit(f"{tool} is missing: apt-get install wrk nginx-light")
    sys.exit(0 if run(args) else 1)


if __name__ == "__main__":
    main()
