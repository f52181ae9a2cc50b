"""Security middleware: django-csp's with the admin's policy and the uploads' origin, and the
upload size limit.

The values live in settings.py's "Security" section; docs/deploy.md explains how they fit with
the reverse proxy in front.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

Middleware = Callable[[HttpRequest], HttpResponseBase]


# The import map django-prose-editor's widget media render inline (django-js-asset).
IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def import_map_hashes(html: bytes) -> list[str]:
    """CSP hash sources for the inline import maps of a page, in page order."""
    return [
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(body).digest()).decode("ascii"))
        for body in IMPORT_MAP.findall(html)
    ]


def media_origin() -> str | None:
    """The origin uploads are served from when it is not the site's own: MEDIA_URL's host, or
    the object storage's (a bucket, its CDN). Asked of the storage itself, so it is always the
    origin of the URLs the pages really carry. No network access, even for object storage."""
    url = urlsplit(default_storage.url("csp-origin-probe.png"))
    return f"{url.scheme}://{url.netloc}" if url.netloc else None


def is_admin_request(request: HttpRequest) -> bool:
    """True for pages the admin site answered (whatever prefix it is mounted under)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and "admin" in match.namespaces


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with settings.ADMIN_CONTENT_SECURITY_POLICY on admin pages.

    Public pages get CONTENT_SECURITY_POLICY, which allows no inline script or style. The admin
    and its editor are third-party code; they get the strictest policy they work under: the
    admin policy, plus the hash of each import map on the page. The editor's modules need the
    import map, which can only be inline; it is data (names to URLs) and can run nothing, and
    the modules it names must still come from 'self'. No 'unsafe-inline', and no nonce.
    Uploads served from another origin (media_origin) are allowed as images on every page.
    A per-view @csp/@csp_replace/@csp_update still applies on top of either.
    """

    def __init__(self, get_response: Middleware) -> None:
        super().__init__(get_response)
        # Read once per process, like the settings it derives from.
        self.media_origin = media_origin()

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if self.media_origin:
            add_sources(parts, "img-src", [self.media_origin])
        if is_admin_request(request):
            if parts.config is None:
                parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            if hashes := self.page_import_map_hashes(response):
                add_sources(parts, "script-src", hashes)
        return parts

    @staticmethod
    def page_import_map_hashes(response: HttpResponseBase) -> list[str]:
        is_html = response.get("Content-Type", "").startswith("text/html")
        if not isinstance(response, HttpResponse) or not is_html:  # a streaming one: no .content
            return []
        return import_map_hashes(response.content)


def add_sources(parts: PolicyParts, directive: str, sources: list[str]) -> None:
    """Adds sources to one directive of the policy being built, on top of any per-view update."""
    update = dict(parts.update or {})
    update[directive] = [*update.get(directive, []), *sources]
    parts.update = update


class UploadSizeLimitMiddleware:
    """Refuses a multipart body over settings.MAX_UPLOAD_BYTES with 413, before it is read.

    Django streams file parts to disk, but it still reads a whole body of any size; checking the
    declared length first means an oversized upload costs nothing. A body without a declared
    length is read as empty by Django (WSGI), so it cannot slip past this check.
    """

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.content_type == "multipart/form-data" and self.declared_length(request) > (
            settings.MAX_UPLOAD_BYTES
        ):
            return self.too_large()
        return self.get_response(request)

    @staticmethod
    def declared_length(request: HttpRequest) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0

    @staticmethod
    def too_large() -> HttpResponse:
        # Rendered without the request: the error page needs no context processor or query.
        body = loader.get_template("413.html").render(
            {"limit_megabytes": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
        # The unread body is left to the WSGI server, which drains it or closes the connection.
        return HttpResponse(body, status=413)


@never_cache
@require_safe
@transaction.non_atomic_requests
def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The page the reverse proxy shows, with status 429, to an address over its request rate
    (deploy/nginx.conf, limit_req), in the visitor's language (their language cookie, else their
    browser's: the address is the proxy's, not the page they asked for). Rendered without the
    request: no query, no session."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        page = loader.get_template("429.html").render()
    return HttpResponse(page, status=429, headers={"Content-Language": language})
