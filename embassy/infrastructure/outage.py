"""A database outage answers visitors with a styled 503 page, never a traceback.

The page needs no database: it extends error_base.html and is rendered without a request, so
no context processor (the header, the user) runs. Once the database is back, the next request
reconnects by itself (CONN_HEALTH_CHECKS), so no restart is needed.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

# How long a client (or a crawler) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def outage_response() -> HttpResponse:
    response = HttpResponse(
        loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither a browser nor a proxy may keep the outage page once the site is back.
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Turns a lost database connection raised by a view, or while rendering its template, into
    the 503 page. ATOMIC_REQUESTS has rolled the request's writes back by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_OUTAGE_ERRORS):
            logger.error(
                "Database unavailable, answered 503: %s %s",
                request.method,
                request.path,
                exc_info=exception,
            )
            return outage_response()
        return None


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the outage page when the error was the database's, even if it was raised by a
    middleware (where process_exception can't see it); the plain 500 page otherwise."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE_ERRORS):
        return outage_response()
    return HttpResponseServerError(loader.render_to_string("500.html"))
