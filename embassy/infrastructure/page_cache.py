"""Whole public pages, cached in the shared cache until what they show changes.

A page is stored with the site's content version (embassy.infrastructure.caching), which every
change to the content replaces (in this process and, through a shared cache such as Redis, in
every other one at once): a page stored with an older version is never served again. A stored
page also expires by itself at the first moment that changes what it shows without any save: the
next whole minute (the clock in the header; local midnight, which rolls the date line and the
day counters, is always one), and the next moment the apps registered with
embassy.infrastructure.caching report (a scheduled publication, a notice's start or end, a
desk's opening or closing).

Only anonymous GETs are cached: any request with a session (staff, a login in progress) gets the
page rendered for it and marked private. Public pages carry no nonce and no per-visitor data,
so one stored copy fits every visitor of the same language and host.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from embassy.infrastructure import caching

PAGE_KEY_PREFIX = "embassy:page"


def next_minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)


def expires_at(now: datetime, version: str) -> datetime:
    """When a page rendered at `now` stops being right by itself."""
    moment = caching.next_change(now, version)
    return min(next_minute(now), moment) if moment else next_minute(now)


def page_key(request: HttpRequest, language: str) -> str:
    """The page's place in the cache. The content version is stored with the page, not in the
    key: one read fetches both, and a newer page replaces an outdated one."""
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{language}:{digest}"


def is_cacheable_request(request: HttpRequest) -> bool:
    return request.method == "GET" and not request.path.startswith(
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
    patch_vary_headers(response, ("Accept-Language", "Cookie"))


class PublicPageCacheMiddleware:
    """Answers anonymous GETs of public pages from the cache; stores the pages it renders."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # Staff see drafts in previews; nobody's pages may be stored or shared by a proxy.
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if (
            not settings.PAGE_CACHE_ENABLED
            or caching.cache_keeps_nothing()
            or not is_cacheable_request(request)
        ):
            return self.get_response(request)

        key = page_key(request, translation.get_language_from_request(request))
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
