"""Whole public pages, cached in the shared cache until what they show changes.

A page is stored with the site's content version (embassy.infrastructure.caching), which every
change to the content replaces (in this process and, through a shared cache such as Redis, in
every other one at once): a page stored with an older version is never served again. A stored
page also expires by itself at the first moment that changes what it shows without any save: the
next whole minute (the clock in the header; local midnight, which rolls the date line and the
day counters, is always one), and the next moment the apps registered with
embassy.infrastructure.caching report (a scheduled publication, a notice's start or end, a
desk's opening or closing).

Only anonymous GETs and HEADs are cached; a HEAD is answered from the stored page without its
body. A visitor with a session this site issued (staff, a login in progress) gets the page
rendered for them and marked private; a session cookie the site never issued is dropped, and
its visitor served as anonymous (embassy.infrastructure.sessions). A page is keyed by scheme,
host, path (which says its language: embassy.infrastructure.languages) and the query parameters
its view reads (`reads_query`); any other parameter (utm_*, a cache-buster) is removed from the
request before the view sees it, so it neither changes the page nor misses the cache. Public
pages carry no nonce and no per-visitor data, so one stored copy fits every visitor of the same
address.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from embassy.infrastructure import caching, sessions

PAGE_KEY_PREFIX = "embassy:page"
QUERY_ATTRIBUTE = "page_cache_query_parameters"

Params = ParamSpec("Params")
Result = TypeVar("Result")


def reads_query(*names: str) -> Callable[[Callable[Params, Result]], Callable[Params, Result]]:
    """Names the query parameters a function view's page depends on (a class-based view sets
    the class attribute `page_cache_query_parameters`). Without it a page depends on none."""

    def declare(view: Callable[Params, Result]) -> Callable[Params, Result]:
        @functools.wraps(view)
        def declared(*args: Params.args, **kwargs: Params.kwargs) -> Result:
            return view(*args, **kwargs)

        setattr(declared, QUERY_ATTRIBUTE, names)
        return declared

    return declare


def query_parameters(request: HttpRequest) -> tuple[str, ...]:
    """The parameters the view of the request's path reads: its own declaration, or its
    class's for a class-based view or a callable object such as a feed."""
    try:
        # Before LocaleMiddleware: a language's addresses resolve only while it is active.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            view = resolve(request.path_info).func
    except Resolver404:
        return ()
    view_class = getattr(view, "view_class", None)
    return getattr(view, QUERY_ATTRIBUTE, ()) or getattr(view_class, QUERY_ATTRIBUTE, ())


def keep_query_parameters(request: HttpRequest, names: tuple[str, ...]) -> str:
    """Removes every other parameter from the request, for the view and the templates alike,
    and returns the rest in a fixed order, for the key."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(names) & set(request.GET)):
        kept.setlist(name, request.GET.getlist(name))
    query = kept.urlencode()
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    return query


def next_minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)


def expires_at(now: datetime, version: str) -> datetime:
    """When a page rendered at `now` stops being right by itself."""
    moment = caching.next_change(now, version)
    return min(next_minute(now), moment) if moment else next_minute(now)


def page_key(request: HttpRequest, query: str) -> str:
    """The page's place in the cache: everything the page varies on (the path says the
    language: embassy/infrastructure/languages.py). The content version is
    stored with the page, not in the key: one read fetches both, and a newer page replaces an
    outdated one."""
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{digest}"


def is_cacheable_request(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.path.startswith(
        tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
    )


def is_cacheable_response(response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def mark_public(response: HttpResponseBase, until: datetime, now: datetime) -> None:
    """A shared proxy may keep the page until it expires by itself (whole seconds, rounded
    down); a browser asks again each time, so a visitor never sees an edit late because of
    their own cache. A proxy can't hear of edits: behind one, an edit shows within a minute."""
    remaining = max(0, math.floor((until - now).total_seconds()))
    patch_cache_control(response, public=True, max_age=0, s_maxage=remaining)
    # Cookie: a session gets a private page. At an unprefixed address the visitor's language
    # cookie and Accept-Language may redirect them (LocaleMiddleware adds Accept-Language there).
    patch_vary_headers(response, ("Cookie",))


def private(response: HttpResponseBase) -> HttpResponseBase:
    # Staff see drafts in previews; nobody's pages may be stored or shared by a proxy.
    patch_cache_control(response, private=True, no_cache=True)
    return response


class PublicPageCacheMiddleware:
    """Answers anonymous GETs and HEADs of public pages from the cache; stores the pages it
    renders."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not is_cacheable_request(request):
            response = self.get_response(request)
            return private(response) if session_key is not None else response
        if session_key is not None and sessions.is_issued(session_key):
            return private(self.get_response(request))
        if session_key is not None:
            # Made up: the session middleware must not look it up, and the browser drops it.
            del request.COOKIES[settings.SESSION_COOKIE_NAME]
        response = self.anonymous_response(request)
        if session_key is not None:
            response.delete_cookie(
                settings.SESSION_COOKIE_NAME,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        if request.method == "HEAD" and isinstance(response, HttpResponse):  # not streaming
            response.content = b""
        return response

    def anonymous_response(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.PAGE_CACHE_ENABLED or caching.cache_keeps_nothing():
            return self.get_response(request)
        # Most requests have no query string: no need to resolve the view for its parameters.
        names = query_parameters(request) if request.GET else ()
        query = keep_query_parameters(request, names)
        key = page_key(request, query)
        now = timezone.now()
        found = caching.lookup(key, now)
        if found.value is not None and found.until is not None:
            response = found.value
            mark_public(response, found.until, now)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if not is_cacheable_response(response):
            return response
        until = expires_at(now, found.version)
        # Stored with its ETag, so a browser's If-None-Match is answered without hashing it again.
        set_response_etag(response)
        caching.store(key, response, version=found.version, now=now, until=until)
        mark_public(response, until, now)
        response["X-Page-Cache"] = "miss"
        return response
