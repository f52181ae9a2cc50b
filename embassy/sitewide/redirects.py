"""Old addresses keep working: a page that is not found at an address that moved (a changed
slug or publication date, or a redirect staff added) answers 301 to its new address, in the
language of the address asked for. (Its query is gone: the page cache keeps only the parameters
a page reads, and a missing page reads none.)"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import get_script_prefix

from embassy.infrastructure import caching
from embassy.infrastructure.languages import codes
from embassy.infrastructure.lib.languages import path_in_language, path_language
from embassy.sitewide.models import Redirect


def old_paths() -> set[str]:
    """Every old address with a redirect: remembered until the content changes, so that a
    missing page (a mistyped link, a scanner's guesses) costs no query."""
    return caching.remember(
        "redirect-old-paths",
        lambda: set(Redirect.objects.values_list("old_path", flat=True)),
        changes_by_itself=False,
    )


def redirect_for(request: HttpRequest) -> HttpResponsePermanentRedirect | None:
    language = path_language(request.path_info, codes())
    old_path = path_in_language(request.path_info, settings.LANGUAGE_CODE, codes())
    if old_path not in old_paths():
        return None
    redirect = Redirect.objects.filter(old_path=old_path).first()
    if redirect is None or not redirect.leads_to_a_public_page:
        return None
    target = path_in_language(redirect.new_path, language, codes())
    return HttpResponsePermanentRedirect(get_script_prefix() + target.lstrip("/"))


class RedirectFallbackMiddleware:
    """Only a GET or HEAD that found nothing (404) looks for a redirect: no query unless the
    address has one (old_paths)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return redirect_for(request) or response
