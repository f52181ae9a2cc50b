"""Probes for a load balancer or a process manager.

/healthz: the process answers. It touches nothing else, so a database outage never makes a
load balancer restart healthy app servers.
/readyz: the process can reach the database and the cache, so it can serve pages. When it
can't, 503 with a JSON body naming what failed; the details go to the log, not to the caller.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CACHE_PROBE_KEY = "embassy:readyz"


def _database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("readyz: the database is unreachable")
        return False


def _cache_ready() -> bool:
    # A value of its own each time, so a stale hit from an earlier probe can't pass.
    token = secrets.token_hex(8)
    try:
        cache.set(CACHE_PROBE_KEY, token, timeout=10)
        return cache.get(CACHE_PROBE_KEY) == token
    except Exception:
        logger.exception("readyz: the cache is unreachable")
        return False


@never_cache
@require_safe
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would need the database before the view runs
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
@transaction.non_atomic_requests
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": "ok" if _database_ready() else "unavailable",
        "cache": "ok" if _cache_ready() else "unavailable",
    }
    failed = [name for name, state in checks.items() if state != "ok"]
    return JsonResponse(
        {"status": "unavailable" if failed else "ok", "failed": failed, "checks": checks},
        status=503 if failed else 200,
    )
