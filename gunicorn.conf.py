"""gunicorn settings for the production stack (`make serve`, `make bench`, `make loadtest`).

Every value can be overridden on the command line (`--bind`, `--workers`, …); the workers'
count also from WEB_CONCURRENCY, the address from GUNICORN_BIND. See README, "make serve".
"""

import multiprocessing
import os

wsgi_app = "embassy.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# Sync workers: the site's views are short and CPU-bound (templates, a few indexed queries),
# so one request per process is simplest and a stuck request can only block its own worker.
worker_class = "sync"


def default_workers(cores: int) -> int:
    """2 * cores + 1, the usual figure for sync workers, but never more than 12: each worker
    holds its own database connection and ~60 MB, and the database has a connection limit."""
    return max(2, min(2 * cores + 1, 12))


workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers(multiprocessing.cpu_count()))

# A request that takes 30 s is stuck (a page renders in milliseconds, the database gives up
# connecting after DB_CONNECT_TIMEOUT): the master kills the worker and starts another.
timeout = 30
# On SIGTERM or SIGHUP, workers finish the requests they have for up to this long.
graceful_timeout = 30
# Behind a reverse proxy that reuses connections (nginx `keepalive`); sync workers ignore it
# and close after each response, other worker classes use it.
keepalive = 5

# Recycle each worker after about a hundred thousand requests so a slow leak can never grow
# without bound; the jitter keeps the workers from all restarting at the same moment. Not much
# sooner: a new worker imports the whole site again (no preloading, above), and with the pages
# cached a worker serves a thousand requests in about a second. Recycling every thousand halved
# the throughput of cached pages and put 400 ms into their p99 (make bench).
max_requests = 100_000
max_requests_jitter = 10_000

# Logs to stdout and stderr, where the process manager (systemd, a container runtime) collects
# them. The access log has the response time in microseconds (%(D)s) at the end.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'

# The workers' heartbeat files: on a disk-backed /tmp a slow disk can make the master think a
# healthy worker hung. /dev/shm is memory.
if os.path.isdir("/dev/shm"):  # noqa: S108 (gunicorn's own temporary files)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# No preloading: each worker imports the site itself after the fork. This costs some memory
# per worker, but SIGHUP then reloads new code without dropping the listening socket (with
# preloading the master would keep serving the old code), and no database connection or
# other socket opened while importing can ever be shared between forked workers.
preload_app = False
