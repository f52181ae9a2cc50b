"""`make loadtest`: a bounded load test of the production stack on loopback, with faults.

It migrates a private SQLite database, loads the demo content, collects the static files, and
starts two app servers: gunicorn with the repo's gunicorn.conf.py and DEBUG off. In front of
them runs nginx with the real deploy/nginx.conf, filled as docs/deploy.md says (by
tests/nginx.py, as its tests do): a self-signed certificate made with openssl, its listens on
127.0.0.1 ports, its edge cache in the run's folder. wrk speaks TLS to it with the site's host
name (SERVER_NAME, resolved to 127.0.0.1 by wrk's script). Three phases:

fault    wrk drives the page (--path) for --duration seconds at --connections connections, and
         halfway through one gunicorn worker is killed with SIGKILL, as the kernel's OOM killer
         or a crash would. Every request carries a made-up session cookie, so that nginx passes
         it to the app servers, as it does staff's, instead of answering from its edge cache
         (the site serves it as anonymous, from its page cache). Passes with zero socket errors,
         zero non-2xx/3xx responses, and the master having replaced the killed worker. One
         exception: gunicorn writes a response's headers and its body in two system calls, and
         a worker killed between them has begun an answer that nginx cannot send again (it
         closes that connection: one read error in wrk). That one request is reported and not
         counted, only when nginx's log shows it (in 3 runs out of 17 here).
edge     the page from nginx's edge cache (HITs), against nginx serving a file of the same
         bytes (the page saved under the uploads folder, which deploy/nginx.conf serves itself:
         same server, same TLS) for --edge-duration seconds each: their ratio, goal >= 0.5.
         Fails on an error, or when the ratio is below the goal (0.75 to 1.04 here).
outage   the home page, an article and the consular page are asked for (kept at the edge),
         then every app server hangs for --outage seconds: gunicorn's master and workers
         stopped with SIGSTOP, so the kernel still accepts connections that nobody answers. The
         outage starts late in a minute (45 to 55 s past it for 20 s), so that the pages'
         s-maxage ends during it: meanwhile they are asked for again and again and must all
         answer 200 from nginx, each of them stale at least once. Then the app servers resume,
         and each page must come fresh from them again (not stale) within 30 seconds.

The run fails when any phase fails. --direct points wrk at one gunicorn without nginx and runs
the fault phase only: the request the killed worker was serving then dies with it, which wrk
counts as a read error, because a sync worker's open connection belongs to that process alone.
Through nginx such an idempotent request is retried on the other app server
(proxy_next_upstream), which is what the default run shows.

Not part of `make test`: it takes two minutes or so and loads the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from load_stack import (
    EDGE_GOAL,
    MADE_UP_SESSION,
    STALE,
    WRK_SCRIPT,
    Stack,
    finish_wrk,
    rate,
    run_wrk,
    socket_errors,
    start_wrk,
)

# The one gunicorn launcher and the one way to run deploy/nginx.conf, shared with the system
# tests (bench/ and tests/ are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import nginx as edge_stack
from tests.launcher import manage, server_environment, status, wait_for


def fault_phase(stack: Stack) -> bool:
    args = stack.args
    topology = (
        "one gunicorn, no proxy"
        if args.direct
        else "deploy/nginx.conf in front of 2 gunicorn app servers, a made-up session cookie "
        "on every request so that it reaches them"
    )
    print(
        f"\nPhase fault: wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
        f"{stack.url(args.path)} ({topology}; {args.workers} sync workers per app server, "
        "DEBUG off)",
        flush=True,
    )
    wrk = start_wrk(stack, args.path, args.duration, *([] if args.direct else [MADE_UP_SESSION]))
    time.sleep(args.duration / 2)
    victim_server = stack.app_servers[0]
    victim = min(victim_server.worker_pids())
    os.kill(victim, signal.SIGKILL)
    print(f"Killed gunicorn worker {victim} with SIGKILL at {args.duration / 2:.0f} s", flush=True)
    summary = finish_wrk(wrk, args.duration)
    after = victim_server.worker_pids()
    replaced = victim not in after and len(after) == args.workers

    errors = socket_errors(summary)
    seconds = summary["duration_us"] / 1e6
    print(f"requests:          {summary['requests']} in {seconds:.1f} s")
    print(f"throughput:        {rate(summary):.0f} requests/s")
    print(
        f"latency:           p50 {summary['p50_us'] / 1000:.1f} ms, "
        f"p99 {summary['p99_us'] / 1000:.1f} ms, max {summary['max_us'] / 1000:.1f} ms"
    )
    print(
        f"socket errors:     {errors} (connect {summary['connect']}, read "
        f"{summary['read']}, write {summary['write']}, timeout {summary['timeout']})"
    )
    print(f"non-2xx/3xx:       {summary['status']}")
    print(f"killed worker:     {'replaced by the master' if replaced else 'NOT replaced'}")
    cut = 0
    if stack.nginx is not None:
        # Each request the dead worker dropped: before its answer began, nginx sent it to the
        # other app server; after, nginx could only cut the answer short.
        log = (stack.nginx.folder / "error.log").read_text(errors="replace")
        dropped = [line for line in log.splitlines() if "upstream" in line and "[error]" in line]
        cut = sum("while reading upstream" in line for line in dropped)
        print(f"nginx retried:     {len(dropped) - cut} request(s) on the other app server")
        print(f"answers cut short: {cut} (the worker died between its headers and its body)")
    # gunicorn writes a response's headers and its body in two system calls: a worker killed
    # between them has begun an answer that no proxy can send again. That one request, and
    # only when nginx's log shows it, is not counted against the run.
    passed = errors <= cut <= 1 and summary["status"] == 0 and summary["requests"] > 0 and replaced
    print(f"fault phase:       {'passed' if passed else 'FAILED'}", flush=True)
    return passed


def edge_phase(stack: Stack) -> bool:
    args = stack.args
    for _ in range(10):
        code, cache_status, page = stack.get(args.path)
        if code == 200 and cache_status == "HIT":
            break
        time.sleep(0.5)
    else:
        print(f"\nPhase edge: {args.path} is not kept at the edge ({code}, {cache_status})")
        return False
    # deploy/nginx.conf serves pictures from the uploads folder itself: the page's bytes saved
    # there are a static file of the same size, from the same server block, over the same TLS.
    copy = stack.work / "media" / "loadtest" / "page.png"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(page)
    static = "/media/loadtest/page.png"
    print(
        f"\nPhase edge: {args.path} from the edge cache ({len(page)} bytes) against nginx "
        f"serving the same bytes from a file, {args.edge_duration} s each at "
        f"{args.connections} connections",
        flush=True,
    )
    measured = {}
    for name, path in (("static file", static), ("edge cache", args.path)):
        run_wrk(stack, path, 1)  # warm-up
        measured[name] = run_wrk(stack, path, args.edge_duration)
        print(f"{name + ':':18} {rate(measured[name]):.0f} requests/s", flush=True)
    ratio = rate(measured["edge cache"]) / (rate(measured["static file"]) or 1)
    errors = sum(socket_errors(summary) + summary["status"] for summary in measured.values())
    met = ratio >= EDGE_GOAL
    print(f"ratio:             {ratio:.2f} ({'met' if met else 'NOT met'}: goal >= {EDGE_GOAL})")
    print(f"errors, non-2xx:   {errors}")
    passed = met and errors == 0
    print(f"edge phase:        {'passed' if passed else 'FAILED'}", flush=True)
    return passed


def article_path(environment: dict) -> str:
    return manage(
        environment,
        "shell",
        "-v0",
        "-c",
        "from news.models import Article; "
        "print(Article.objects.published().first().get_absolute_url())",
    ).strip()


def outage_phase(stack: Stack, pages: list[str]) -> bool:
    args = stack.args
    # The pages' s-maxage ends at the next whole minute: started in the window below, the outage
    # outlasts it by a quarter to three quarters of its length (at 45 to 55 s for 20 s), and
    # the pages are still kept for a few seconds when they are asked for just before.
    earliest, latest = 60 - 0.75 * args.outage, min(60 - 0.25 * args.outage, 57)
    second = time.time() % 60
    wait = 0 if args.outage >= 60 or earliest <= second < latest else (earliest - second) % 60
    print(
        f"\nPhase outage: {', '.join(pages)} kept at the edge, then both app servers stopped "
        f"(SIGSTOP) for {args.outage} s; first {wait:.0f} s of waiting for second "
        f"{earliest:.0f} of a minute, so that the pages go stale during the outage",
        flush=True,
    )
    time.sleep(wait)
    for page in pages:
        for _ in range(25):  # an expired page is refreshed in the background: a moment
            code, cache_status, _ = stack.get(page)
            if (code, cache_status) == (200, "HIT"):
                break
            time.sleep(0.2)
        else:
            print(f"{page} is not kept at the edge ({code}, {cache_status})")
            return False

    answers: Counter[tuple[int, str]] = Counter()
    served_stale: set[str] = set()
    stack.signal_app_servers(signal.SIGSTOP)
    try:
        deadline = time.monotonic() + args.outage
        while time.monotonic() < deadline:
            for page in pages:
                code, cache_status, _ = stack.get(page)
                answers[code, cache_status] += 1
                if code == 200 and cache_status in STALE:
                    served_stale.add(page)
            time.sleep(0.1)
    finally:
        stack.signal_app_servers(signal.SIGCONT)
    print(
        "during the outage: "
        + ", ".join(f"{code} {state or '-'}: {n}" for (code, state), n in answers.most_common())
    )

    resumed = time.monotonic()
    fresh: set[str] = set()
    while time.monotonic() < resumed + 30 and len(fresh) < len(pages):
        for page in set(pages) - fresh:
            code, cache_status, _ = stack.get(page)
            if code == 200 and cache_status not in STALE:
                fresh.add(page)
        time.sleep(0.2)
    healthy = all(status(f"{server.base_url}/healthz") == 200 for server in stack.app_servers)
    all_200 = set(code for code, _ in answers) == {200}
    stale = sum(n for (_, state), n in answers.items() if state in STALE)
    print(f"every answer 200:  {'yes' if all_200 else 'NO'} ({answers.total()} answers)")
    print(
        f"served stale:      {len(served_stale)} of {len(pages)} pages, in {stale} answers "
        "(STALE or UPDATING)"
    )
    print(
        f"after the outage:  app servers {'healthy' if healthy else 'NOT healthy'}; "
        f"{len(fresh)} of {len(pages)} pages fresh from them again "
        f"({time.monotonic() - resumed:.1f} s)"
    )
    passed = all_200 and len(served_stale) == len(pages) and healthy and len(fresh) == len(pages)
    print(f"outage phase:      {'passed' if passed else 'FAILED'}", flush=True)
    return passed


def run(args) -> bool:
    work = Path(tempfile.mkdtemp(prefix="embassy-loadtest-"))
    environment = server_environment(
        args.database_url or f"sqlite:///{work / 'loadtest.sqlite3'}",
        # Shared by every worker of every app server, as Redis is in production.
        CACHE_URL=args.cache_url or f"filecache://{work / 'cache'}",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        # Behind nginx, as in docs/deploy.md: its host name, and https as it says.
        ALLOWED_HOSTS=f"127.0.0.1,localhost,{edge_stack.SERVER_NAME}",
        SECURE_PROXY_SSL_HEADER="true",
    )
    (work / "summary.lua").write_text(WRK_SCRIPT)
    stack = Stack(work, args)
    results = {}
    try:
        print("Preparing: migrate, demo content, collectstatic …", flush=True)
        manage(environment, "migrate", "--noinput")
        manage(environment, "load_demo", "--no-accounts")
        manage(environment, "collectstatic", "--noinput")
        stack.start(environment)
        if args.direct:
            wait_for(stack.url(args.path))
        elif stack.get(args.path)[0] != 200:
            raise RuntimeError(f"{args.path} does not answer 200 through nginx")
        phases = {"fault"} if args.direct else set(args.phases)
        if "fault" in phases:
            results["fault"] = fault_phase(stack)
        if "edge" in phases:
            results["edge"] = edge_phase(stack)
        if "outage" in phases:
            pages = ["/", article_path(environment), "/consular/"]
            results["outage"] = outage_phase(stack, pages)
    finally:
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(", ".join(f"{name} {'passed' if ok else 'FAILED'}" for name, ok in results.items()))
    passed = all(results.values())
    print("PASSED" if passed else "FAILED")
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--duration", type=int, default=40, help="seconds of the fault phase (default 40)"
    )
    parser.add_argument("--connections", type=int, default=32, help="wrk's (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's (default 2)")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers per app server (default 3)"
    )
    parser.add_argument("--path", default="/", help="the page of the fault and edge phases")
    parser.add_argument(
        "--edge-duration",
        type=int,
        default=10,
        help="seconds of each of the edge phase's two measurements (default 10)",
    )
    parser.add_argument(
        "--outage", type=int, default=20, help="seconds the app servers are stopped (default 20)"
    )
    parser.add_argument(
        "--phases",
        default="fault,edge,outage",
        help="which phases to run (default all: fault,edge,outage)",
    )
    parser.add_argument(
        "--direct",
        action="store_true",
        help="wrk straight at one gunicorn, no nginx: the fault phase only",
    )
    parser.add_argument("--database-url", help="default: a private SQLite file")
    parser.add_argument("--cache-url", help="default: a private file-based cache")
    for tool, default in (("wrk", "/usr/bin/wrk"), ("nginx", "/usr/sbin/nginx")):
        parser.add_argument(f"--{tool}", default=edge_stack.find_tool(tool) or default)
    parser.add_argument(
        "--openssl",
        default=edge_stack.find_tool("openssl") or "/usr/bin/openssl",
        help="makes the run's self-signed certificate",
    )
    args = parser.parse_args()
    args.phases = args.phases.split(",")
    unknown = set(args.phases) - {"fault", "edge", "outage"}
    if unknown:
        sys.exit(f"Unknown phases {sorted(unknown)}: choose from fault, edge, outage.")
    for name, seconds in (
        ("--duration", args.duration),
        ("--edge-duration", args.edge_duration),
        ("--outage", args.outage),
    ):
        if not 1 <= seconds <= 300:
            sys.exit(f"{name} must be between 1 and 300 seconds: this is a bounded test.")
    if args.outage < 10:
        sys.exit("--outage must be 10 seconds or more, to outlast the pages' s-maxage.")
    for tool in [args.wrk] + ([] if args.direct else [args.nginx, args.openssl]):
        if not Path(tool).exists():
            sys.exit(f"{tool} is missing: apt-get install wrk nginx-light openssl")
    sys.exit(0 if run(args) else 1)


if __name__ == "__main__":
    main()
