"""`make bench`'s report: the table of results, the verdicts on the issue's targets, and
docs/performance.md, whose notes written by hand below the measured part are kept."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path


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


# Rows that ask for another row's page in another way (bench/run.py): their queries are that
# page's. With the page cache on, the home page with a made-up session cookie and by HEAD must
# run at its cached rate: each is judged against a plain GET measured by the same tool in the
# same window (HEAD by ab, as wrk cannot measure it).
SAME_PAGE_AS = {"home-cookie": "home", "home-ab": "home", "home-head": "home"}
AT_CACHED_RATE = {
    "home-cookie": ("home", "with a made-up session cookie, against a plain GET"),
    "home-head": ("home-ab", "by HEAD, against a GET, both measured by ab"),
}
CACHED_RATE_GOAL = 0.9

# The configurations the site runs in, judged against the targets: "pages" is "caching on",
# "data" is "caching off" (the page cache off, as for every staff request). "none" (no cache at
# all) is reported for information only: the site is not meant to run without a cache.
JUDGED_MODES = ("pages", "data")


def targets(rows: list[dict], modes) -> list[str]:
    """The issue's targets, each with whether this run met it ("info" lines judge nothing);
    `modes`: the cache modes, in the order their lines come in."""

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
            for page, (reference, how) in AT_CACHED_RATE.items():
                row, plain = (
                    find(database, items, "pages", page),
                    find(database, items, "pages", reference),
                )
                if row and plain:
                    ratio = row["rps"] / plain["rps"] if plain["rps"] else 0
                    verdicts.append(
                        verdict(
                            ratio >= CACHED_RATE_GOAL,
                            f"{database}, {items} items, caching on: home {how}: {ratio:.2f} "
                            f"(>= {CACHED_RATE_GOAL}), {row['rps']:.0f} and {plain['rps']:.0f} "
                            "req/s",
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
            for mode in modes:
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
With caching on, the home page is also asked for with a session cookie the site never issued
("home-cookie", which the page cache serves as anonymous) and by HEAD ("home-head"); wrk cannot
measure HEAD (it waits for the body a HEAD answer announces: wg/wrk#198), so HEAD is measured by
ApacheBench (`ab -i -c{args.connections}`) against a GET measured by ab ("home-ab", whose ratio to
minimal compares two tools). Both are judged against the plain GET (goal >= {CACHED_RATE_GOAL}); the
four home rows are measured in turns of one second (their figures are the turns' means).
Queries are counted in-process for one request with an empty cache (cold) and a second one
(warm), without the request's own transaction statements (ATOMIC_REQUESTS).

## Targets

{chr(10).join(f"- {v}" for v in verdicts)}

## Results

{table(rows)}

{NOTES_MARKER}{notes}"""
    return report
