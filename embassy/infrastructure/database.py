"""Every wait on PostgreSQL is bounded, so a database that stops answering costs a request a
few seconds and the 503 page, not a worker.

libpq's connect_timeout bounds only the connection: once connected, a query sent to a server
that has gone silent (a network partition, a proxy that holds the connection and relays
nothing) waits for ever, and TCP keepalives don't help when something in between still answers
for the server. So the site's processes run psycopg2 in its "green" mode, in which every wait
for the server goes through a Python callback: ours waits with a deadline (DB_WAIT_TIMEOUT) and
raises OperationalError when it passes, which the outage middleware answers with the 503 page.

After a wait has timed out, the database counts as silent for DB_RETRY_SECONDS: every wait
fails at once, so the workers stay free to serve the pages the cache holds, and one request
tries again after that. Installed by the web server's WSGI module only (embassy/wsgi.py) and
by tests: management commands (a migration, a backup) may legitimately wait longer.
"""

from __future__ import annotations

import logging
import select
import time
from typing import Any

import psycopg2.extensions
from psycopg2 import OperationalError

logger = logging.getLogger(__name__)

WAIT_FOR = {
    psycopg2.extensions.POLL_READ: select.POLLIN,
    psycopg2.extensions.POLL_WRITE: select.POLLOUT,
}


class BoundedWait:
    def __init__(self, timeout: float, retry_after: float) -> None:
        self.timeout = timeout
        self.retry_after = retry_after
        self.silent_until = 0.0

    def __call__(self, connection: Any) -> None:
        if time.monotonic() < self.silent_until:
            raise OperationalError("the database did not answer a moment ago; not tried again yet")
        deadline = time.monotonic() + self.timeout
        while True:
            state = connection.poll()
            if state == psycopg2.extensions.POLL_OK:
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.silent_until = time.monotonic() + self.retry_after
                logger.error(
                    "The database did not answer within %g s; requests that need it get the "
                    "503 page for the next %g s.",
                    self.timeout,
                    self.retry_after,
                )
                raise OperationalError(f"the database did not answer within {self.timeout:g} s")
            events = WAIT_FOR.get(state)
            if events is None:
                raise OperationalError(f"unexpected state from psycopg2's poll(): {state!r}")
            poller = select.poll()
            poller.register(connection.fileno(), events)
            poller.poll(remaining * 1000)


def bound_waits(timeout: float, retry_after: float) -> BoundedWait:
    """Makes every later PostgreSQL wait of this process bounded; returns the callback."""
    wait = BoundedWait(timeout, retry_after)
    psycopg2.extensions.set_wait_callback(wait)
    return wait


def unbound_waits() -> None:
    psycopg2.extensions.set_wait_callback(None)
