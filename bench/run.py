"""`make bench`: throughput and latency of every public page under the production stack.

For each database and content size it generates content, starts gunicorn with the repo's
config (DEBUG off, whitenoise) on loopback, drives it with wrk from a second process, and
measures each page against a minimal Django view that renders a page of the same size with no
database access. Results: a table on stdout, docs/performance.md and bench-results/*.json.
This is a benchmark, not a test: it asserts nothing, it reports.

With the page cache on, the home page is also asked for in two ways the page cache must answer
at its cached rate: with a session cookie the site never issued ("home-cookie"), and by HEAD
("home-head"). wrk cannot measure HEAD: it waits for the body that a HEAD answer announces but
never sends, and counts every answer as a read error (wg/wrk#198). So HEAD is measured with
ApacheBench (`ab -i`, apt-get install apache2-utils), against a GET of the home page measured by
ab ("home-ab"). These four rows (with "home") are measured in turns of one second, so that the
host's drift does not come between the figures compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# Run as a script, bench/ is on sys.path: the report is bench/report.py.
from report import SAME_PAGE_AS, table, targets, write_report

# The one gunicorn launcher, shared with the system tests and the load test.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.launcher import ROOT, AppServer, manage, server_environment

PYTHON = sys.executable
# Not a session the site issued: the page cache serves it as anonymous.
MADE_UP_SESSION = "Cookie: sessionid=bench-made-up-session-key"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/15"

# What is cached in each measured configuration.
CACHE_MODES = {
    # Production: whole pages and the site's data in the shared Redis.
    "pages": {"CACHE_URL": REDIS_URL, "PAGE_CACHE_ENABLED": "true"},
    # The page cache off (what staff, whose requests carry a session, always get): every page
    # is rendered; the header's rows and the remembered counts still come from Redis.
    "data": {"CACHE_URL": REDIS_URL, "PAGE_CACHE_ENABLED": "false"},
    # Nothing cached at all (Django's dummy cache): every query of every page, every time.
    "none": {"CACHE_URL": "dummycache://", "PAGE_CACHE_ENABLED": "false"},
}

# Runs inside Django with the benchmark's settings: finds the URLs to measure and counts the
# SQL queries each one makes, cold (empty cache) and warm (second request).
PROBE = r"""
import json, django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from news.models import Article

client = Client(HTTP_HOST="127.0.0.1")
article = Article.objects.published().order_by("-published_at")[500:501].first() or (
    Article.objects.published().first())
archive = client.get("/news/")
pages = archive.context["page_obj"].paginator.num_pages if archive.context else 1
urls = {
    "home": "/",
    "article": article.get_absolute_url(),
    "archive": "/news/",
    "archive-middle": f"/news/?page={max(1, pages // 2)}",
    "archive-deep": f"/news/?page={max(1, pages - 1)}",
    # A topic of the generated items: 0 or 1 result at 100 items, a page of 20 (of ~500) at
    # 100,000, so it measures showing and ranking more results as much as the archive's size.
    "search": "/news/search/?q=balticmedicine",
    # A word of one demo article only: the same one result at every size, so only the size of
    # the archive (and of its search indexes) changes.
    "search-one": "/news/search/?q=yerevan",
    "feed": "/news/feed/rss/",
    "consular": "/consular/",
}
# The request's own transaction (ATOMIC_REQUESTS) is not a query of the page.
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
result = {"urls": urls, "queries": {}, "bytes": {}, "found": {}}
for name, url in urls.items():
    counts = []
    for _ in range(2):
        if not counts:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(
            sum(not query["sql"].startswith(TRANSACTION) for query in queries.captured_queries)
        )
        # How many items a list or a search found (the archive's size, a search's matches),
        # from the rendered page: the second request may be a cache hit, with no context.
        paginator = response.context and response.context.get("paginator")
        if paginator:
            result["found"][name] = paginator.count
    result["queries"][name] = {"cold": counts[0], "warm": counts[1], "status": response.status_code}
    result["bytes"][name] = len(response.content)
print(json.dumps(result))
"""


def psql(command: str, database: str = "postgres") -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc", command],
        check=True,
        capture_output=True,
    )


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def worker_peak_memory_mb(server: AppServer) -> float:
    """The highest resident memory any worker of the server reached (VmHWM)."""
    peaks = []
    for pid in server.worker_pids():
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return max(peaks, default=0.0)


def wrk(url: str, duration: int, threads: int, connections: int, *headers: str) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def milliseconds(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": milliseconds("50%"),
        "p99_ms": milliseconds("99%"),
        "errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def ab(url: str, duration: int, connections: int, head: bool = False) -> dict:
    """ApacheBench, for the HEAD that wrk cannot measure, and its GET to compare it with: the
    same figures as wrk() (its percentiles in whole milliseconds)."""
    # -t stops at the time limit or after -n requests, whichever comes first (ab keeps a record
    # of each request: -n is a generous bound, not a huge one); -r goes on after socket errors.
    command = ["ab", "-q", "-r", "-t", str(duration), "-n", str(duration * 20_000)]
    command += ["-c", str(connections), *(["-i"] if head else []), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def figure(pattern: str, default: float = 0.0) -> float:
        match = re.search(pattern, output, re.MULTILINE)
        return float(match.group(1)) if match else default

    return {
        "rps": figure(r"^Requests per second:\s+([\d.]+)"),
        "p50_ms": figure(r"^\s+50%\s+(\d+)", float("nan")),
        "p99_ms": figure(r"^\s+99%\s+(\d+)", float("nan")),
        "errors": int(figure(r"^Failed requests:\s+(\d+)")),
        "non_2xx": int(figure(r"^Non-2xx responses:\s+(\d+)")),
    }


Measure = Callable[[int], dict]  # the figures of a page measured for that many seconds


def plan(base: str, urls: dict, caching: str, args) -> list[dict[str, Measure]]:
    """What is measured, in order, in groups. With the page cache on, the home page and its other
    requests (compared with each other) form one group, measured in turns: see alternating()."""

    def by_wrk(path: str, *headers: str) -> Measure:
        return lambda seconds: wrk(base + path, seconds, args.threads, args.connections, *headers)

    def by_ab(path: str, head: bool = False) -> Measure:
        return lambda seconds: ab(base + path, seconds, args.connections, head)

    groups = []
    for name, path in urls.items():
        group = {name: by_wrk(path)}
        if name == "home" and caching == "pages":
            group["home-cookie"] = by_wrk(path, MADE_UP_SESSION)
            group["home-ab"] = by_ab(path)
            group["home-head"] = by_ab(path, head=True)
        groups.append(group)
    return groups


def alternating(group: dict[str, Measure], seconds: int) -> dict[str, dict]:
    """Each measure of the group for `seconds` in all, in turns of one second, so that a busy
    host (this one's speed swings by 10 to 50 % from one second to the next) slows them alike
    and their ratios hold; every other round in reverse order, so that none always comes after
    the same one. Rates and latencies are the means of the turns'; errors their sums."""
    slices: dict[str, list[dict]] = {name: [] for name in group}
    for round_ in range(seconds):
        for name in list(group)[:: -1 if round_ % 2 else 1]:
            slices[name].append(group[name](1))
    return {
        name: {
            **{key: statistics.fmean(s[key] for s in found) for key in ("rps", "p50_ms", "p99_ms")},
            **{key: sum(s[key] for s in found) for key in ("errors", "non_2xx")},
        }
        for name, found in slices.items()
    }


def run(args) -> list[dict]:
    rows = []
    results_dir = ROOT / "bench-results"
    results_dir.mkdir(exist_ok=True)
    for database in args.databases:
        workdir = Path(tempfile.mkdtemp(prefix="embassy-bench-"))
        if database == "sqlite":
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        else:
            pg_database = f"embassy_bench_{os.getpid()}"
            psql(f"DROP DATABASE IF EXISTS {pg_database} WITH (FORCE)")
            psql(f"CREATE DATABASE {pg_database}")
            database_url = f"{PG_ADMIN_URL}/{pg_database}"
        base_env = server_environment(
            database_url,
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            MEDIA_ROOT=str(workdir / "media"),
            BENCHMARK_VIEWS="true",
        )
        # With DEBUG off whitenoise serves the hashed files from the collected manifest.
        manage(base_env, "collectstatic", "--noinput", "-v0")
        manage(base_env, "migrate", "--noinput", "-v0")
        manage(base_env, "load_demo", "--no-accounts")
        made = 0
        try:
            for size in sorted(args.sizes):
                print(f"\n[{database}] generating content up to {size} items", flush=True)
                manage(
                    base_env,
                    "generate_content",
                    "--items",
                    str(size - made),
                    show_output=True,
                    timeout=None,
                )
                made = size
                if database == "postgresql":
                    psql("VACUUM ANALYZE", database=pg_database)
                for caching in args.modes:
                    env = {**base_env, **CACHE_MODES[caching]}
                    flush_redis()
                    probe = json.loads(
                        subprocess.run(
                            [PYTHON, "-c", PROBE],
                            cwd=ROOT,
                            env=env,
                            check=True,
                            stdout=subprocess.PIPE,
                            text=True,
                        ).stdout
                    )
                    # The yardstick first, while the server is fresh, as every page after it.
                    urls = {
                        "minimal": f"/bench/minimal/?bytes={probe['bytes']['home']}",
                        **probe["urls"],
                    }
                    flush_redis()
                    server = AppServer(
                        env,
                        workdir / f"gunicorn-{size}-{caching}.log",
                        workers=args.workers,
                        access_log=False,
                    )
                    base = f"http://127.0.0.1:{server.port}"
                    try:
                        measured = {}
                        for group in plan(base, urls, caching, args):
                            for measure in group.values():
                                measure(1)  # warm-up
                            if len(group) == 1:
                                figures = {n: m(args.duration) for n, m in group.items()}
                            else:
                                figures = alternating(group, args.duration)
                            for name in group:
                                print(
                                    f"  {database:10} {size:>7} cache {caching:5} {name:14} "
                                    f"{figures[name]['rps']:8.0f} req/s",
                                    flush=True,
                                )
                            measured.update(figures)
                        memory = worker_peak_memory_mb(server)
                    finally:
                        server.stop()
                    baseline = measured["minimal"]["rps"] or 1
                    for name, figures in measured.items():
                        page = SAME_PAGE_AS.get(name, name)
                        query = probe["queries"].get(page, {"cold": 0, "warm": 0})
                        rows.append(
                            {
                                "database": database,
                                "items": size,
                                "cache": caching,
                                "page": name,
                                **figures,
                                "ratio": figures["rps"] / baseline,
                                "queries_cold": query["cold"],
                                "queries_warm": query["warm"],
                                "found": probe["found"].get(page),
                                "worker_peak_mb": memory,
                            }
                        )
        finally:
            if database == "postgresql":
                psql(f"DROP DATABASE IF EXISTS {pg_database} WITH (FORCE)")
            shutil.rmtree(workdir, ignore_errors=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (results_dir / f"bench-{stamp}.json").write_text(json.dumps(rows, indent=1))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--modes", default=",".join(CACHE_MODES), help="cache modes to measure")
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument(
        "--from-json",
        help="write the table and the report from a saved bench-results/*.json, measuring nothing "
        "(give the options the results were measured with)",
    )
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    args.databases = args.databases.split(",")
    args.modes = args.modes.split(",")
    unknown = set(args.modes) - set(CACHE_MODES)
    if unknown:
        sys.exit(f"Unknown cache modes {sorted(unknown)}: choose from {list(CACHE_MODES)}.")
    if args.from_json:
        rows = json.loads(Path(args.from_json).read_text())
    elif not shutil.which("wrk"):
        sys.exit("wrk is missing: install it with 'apt-get install wrk'.")
    elif "pages" in args.modes and not shutil.which("ab"):
        sys.exit("ab (the HEAD row) is missing: install it with 'apt-get install apache2-utils'.")
    else:
        rows = run(args)
    verdicts = targets(rows, CACHE_MODES)
    print()
    print(table(rows))
    print()
    print("\n".join(verdicts))
    measuring = [a for a in sys.argv[1:] if not a.startswith("--from-json")]
    if args.from_json and args.from_json in measuring:
        measuring.remove(args.from_json)
    command = "make bench" + (" BENCH_ARGS='" + " ".join(measuring) + "'" if measuring else "")
    Path(args.output).write_text(write_report(rows, verdicts, command, args))
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
