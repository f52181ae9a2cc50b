"""`make bench`: throughput and latency of every public page under the production stack.

For each database and content size it generates content, starts gunicorn with the repo's
config (DEBUG off, whitenoise) on loopback, drives it with wrk from a second process, and
measures each page against a minimal Django view that renders a page of the same size with no
database access. Results: a table on stdout, docs/performance.md and bench-results/*.json.
This is a benchmark, not a test: it asserts nothing, it reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The one gunicorn launcher, shared with the system tests and the load test.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.launcher import ROOT, AppServer, manage, server_environment

PYTHON = sys.executable
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


def wrk(url: str, duration: int, threads: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
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


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; gunicorn and wrk on the same machine"
    )


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
                        for name, path in urls.items():
                            wrk(base + path, 1, args.threads, args.connections)  # warm-up
                            measured[name] = wrk(
                                base + path, args.duration, args.threads, args.connections
                            )
                            print(
                                f"  {database:10} {size:>7} cache {caching:5} {name:14} "
                                f"{measured[name]['rps']:8.0f} req/s",
                                flush=True,
                            )
                        memory = worker_peak_memory_mb(server)
                    finally:
                        server.stop()
                    baseline = measured["minimal"]["rps"] or 1
                    for name, figures in measured.items():
                        query = probe["queries"].get(name, {"cold": 0, "warm": 0})
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
                                "found": probe["found"].get(name),
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


def table(rows: list[dict]) -> str:
    lines = [
        "| database | items | cache | page | req/s | ratio to minimal | p50 ms | p99 ms "
        "| errors | non-2xx | queries (cold/warm) | worker peak MB |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['database']} | {r['items']} | {r['cache']} | {r['page']} | {r['rps']:.0f} "
            f"| {r['ratio']:.2f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} "
            f"| {r['non_2xx']} | {r['queries_cold']}/{r['queries_warm']} "
            f"| {r['worker_peak_mb']:.0f} |"
        )
    return "\n".join(lines)


# The configurations the site runs in, judged against the targets: "pages" is "caching on",
# "data" is "caching off" (the page cache off, as for every staff request). "none" (no cache at
# all) is reported for information only: the site is not meant to run without a cache.
JUDGED_MODES = ("pages", "data")


def targets(rows: list[dict]) -> list[str]:
    """The issue's targets, each with whether this run met it ("info" lines judge nothing)."""

    def find(database, items, cache, page):
        return next(
            (
                r
                for r in rows
                if (r["database"], r["items"], r["cache"], r["page"])
                == (database, items, cache, page)
            ),
            None,
        )

    def verdict(ok: bool | None, text: str) -> str:
        label = "info" if ok is None else "met" if ok else "NOT met"
        return f"{label}: {text}"

    verdicts = []
    sizes = sorted({r["items"] for r in rows})
    for database in sorted({r["database"] for r in rows}):
        for items in sizes:
            hit = find(database, items, "pages", "home")
            if hit:
                verdicts.append(
                    verdict(
                        hit["ratio"] >= 1.0 and hit["p99_ms"] < 50,
                        f"{database}, {items} items, caching on: home ratio {hit['ratio']:.2f} "
                        f"(>= 1.0), p99 {hit['p99_ms']:.1f} ms (< 50)",
                    )
                )
            for mode, judged in (("data", True), ("none", False)):
                miss = find(database, items, mode, "home")
                if miss:
                    verdicts.append(
                        verdict(
                            miss["ratio"] >= 0.4 if judged else None,
                            f"{database}, {items} items, "
                            f"{'caching off' if judged else 'no cache at all'} ({mode}): home "
                            f"ratio {miss['ratio']:.2f} (target >= 0.4), {miss['rps']:.0f} req/s",
                        )
                    )
        small, large = sizes[0], sizes[-1]
        for page in ("home", "archive", "search-one", "search"):
            for mode in CACHE_MODES:
                a, b = find(database, small, mode, page), find(database, large, mode, page)
                if a and b and small != large:
                    change = b["rps"] / a["rps"] if a["rps"] else 0
                    found = ""
                    if page.startswith("search"):
                        found = f" (results: {a.get('found')}, then {b.get('found')})"
                    verdicts.append(
                        verdict(
                            change >= 0.8 if mode in JUDGED_MODES else None,
                            f"{database}, cache {mode}, {page}: at {large} items {change:.0%} "
                            f"of its throughput at {small}{found} (target >= 80%)",
                        )
                    )
        peak = max(r["worker_peak_mb"] for r in rows if r["database"] == database)
        verdicts.append(
            verdict(peak < 120, f"{database}, worker peak memory {peak:.0f} MB (< 120)")
        )
    for judged in (True, False):
        measured = [r for r in rows if (r["cache"] in JUDGED_MODES) == judged]
        if not measured:
            continue
        errors = sum(r["errors"] + r["non_2xx"] for r in measured)
        if judged:
            text = f"{errors} errors and non-2xx responses with caching on and off"
        else:
            text = f"{errors} errors and non-2xx responses with no cache at all"
        verdicts.append(verdict(errors == 0 if judged else None, text))
    return verdicts


# Everything after this line in docs/performance.md is written by hand (what the figures mean,
# why a target is not met) and kept when the benchmark rewrites the measured part above it.
NOTES_MARKER = "<!-- Notes written by hand below: kept by make bench. -->"


def write_report(rows: list[dict], verdicts: list[str], command: str, args) -> str:
    today = dt.date.today().isoformat()
    output = Path(args.output)
    notes = ""
    if output.exists() and NOTES_MARKER in output.read_text():
        notes = output.read_text().split(NOTES_MARKER, 1)[1]
    report = f"""# Performance

Made by `{command}` on {today}.

Machine: {machine()}. Load: `wrk -t{args.threads} -c{args.connections} -d{args.duration}s`
against gunicorn with the repo's `gunicorn.conf.py` ({args.workers} sync workers), DEBUG off,
whitenoise, on loopback. Cache modes: "pages" is production (whole pages and the site's data in
the machine's Redis: "caching on"); "data" has the page cache off ("caching off": every page
rendered, as for every staff request), with the header's rows and remembered counts still in
Redis; "none" caches nothing at all (Django's dummy cache; for information: the site is not
meant to run without a cache). "minimal" is a Django view rendering a page of the home page's size
with no database access (the yardstick: absolute figures vary between machines, ratios hold).
Queries are counted in-process for one request with an empty cache (cold) and a second one
(warm), without the request's own transaction statements (ATOMIC_REQUESTS).

## Targets

{chr(10).join(f"- {v}" for v in verdicts)}

## Results

{table(rows)}

{NOTES_MARKER}{notes}"""
    return report


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
    else:
        rows = run(args)
    verdicts = targets(rows)
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
