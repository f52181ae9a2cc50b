"""Django's Redis cache backend, made to survive Redis: one client per connection pool, and a
cache that is down reads as empty instead of failing the request.

One client: Django's RedisCacheClient builds a new redis.Redis object for every get and set:
about 0.1 ms each (it fills a table of some 170 response callbacks), which is as long as
answering a cached page takes otherwise. A redis.Redis is safe to share between threads, and its
pool opens a new connection after a fork, so one per pool serves the whole process.

Outages: every call is bounded by the socket timeouts in settings (CACHE_SOCKET_TIMEOUT). A call
that fails (refused, reset, timed out) answers as a miss (get: the default; add, set: nothing
kept), and for the next `retry_after` seconds no call goes to Redis at all: each request of an
outage costs nothing waiting for it. The outage is logged when it starts and at most once a
minute while it lasts, and its end once. Whatever the site caches is rebuilt from the database
meanwhile (embassy.infrastructure.caching asks `is_available()`), and `reconnected` is sent when
Redis answers again, since a change saved during the outage could not replace the content
version. settings.py puts this backend in place whenever CACHE_URL names Redis.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, cast

from django.core.cache.backends import redis
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
Parent = redis.RedisCacheClient

# Sent (by the backend) when a call succeeds after an outage.
reconnected = Signal()

LOG_INTERVAL_SECONDS = 60.0


class ResilientRedisCacheClient(redis.RedisCacheClient):
    # Django's RedisCacheClient has these, but django-stubs leaves them out.
    _client: Callable[..., Any]  # redis.Redis
    _get_connection_pool: Callable[[bool], Any]

    def __init__(self, *args: Any, retry_after: float = 5.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[Any, Any] = {}
        self.retry_after = retry_after
        self.down_until = 0.0  # time.monotonic() before which no call is tried
        self.down_since: float | None = None
        self.last_logged = -LOG_INTERVAL_SECONDS
        self.failures_not_logged = 0

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def is_available(self) -> bool:
        return time.monotonic() >= self.down_until

    def guarded(self, call: Callable[[], Any], fallback: Any) -> Any:
        if not self.is_available():
            return fallback
        try:
            result = call()
        except RedisError as error:
            self.failed(error)
            return fallback
        if self.down_since is not None:
            # What this call read predates the version the recovery replaces: a miss.
            self.recovered(self.down_since)
            return fallback
        return result

    def failed(self, error: RedisError) -> None:
        now = time.monotonic()
        self.down_until = now + self.retry_after
        if self.down_since is None:
            self.down_since = now
        if now - self.last_logged >= LOG_INTERVAL_SECONDS:
            logger.error(
                "The cache is unreachable (%s: %s); pages are served from the database and "
                "the cache is tried again every %g s (%d more failures since the last report).",
                type(error).__name__,
                error,
                self.retry_after,
                self.failures_not_logged,
            )
            self.last_logged, self.failures_not_logged = now, 0
        else:
            self.failures_not_logged += 1

    def recovered(self, down_since: float) -> None:
        logger.warning(
            "The cache answers again after %.0f s unreachable.", time.monotonic() - down_since
        )
        self.down_since = None
        self.failures_not_logged = 0
        reconnected.send(sender=type(self))

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return self.guarded(lambda: Parent.add(self, key, value, timeout), False)

    def get(self, key: Any, default: Any) -> Any:
        return self.guarded(lambda: Parent.get(self, key, default), default)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self.guarded(lambda: Parent.set(self, key, value, timeout), None)

    def touch(self, key: Any, timeout: Any) -> bool:
        return self.guarded(lambda: Parent.touch(self, key, timeout), False)

    def delete(self, key: Any) -> bool:
        return self.guarded(lambda: Parent.delete(self, key), False)

    def get_many(self, keys: Any) -> dict[Any, Any]:
        return self.guarded(lambda: Parent.get_many(self, keys), {})

    def has_key(self, key: Any) -> bool:
        return self.guarded(lambda: Parent.has_key(self, key), False)

    def set_many(self, data: Mapping[Any, Any], timeout: Any) -> None:
        self.guarded(lambda: Parent.set_many(self, data, timeout), None)

    def delete_many(self, keys: Any) -> None:
        self.guarded(lambda: Parent.delete_many(self, keys), None)

    def clear(self) -> bool:
        return self.guarded(lambda: Parent.clear(self), False)


class RedisCache(redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def is_available(self) -> bool:
        """False while an outage is known: callers skip work whose result can't be kept."""
        return cast(ResilientRedisCacheClient, self._cache).is_available()  # its _class, above
