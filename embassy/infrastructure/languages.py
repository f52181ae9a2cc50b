"""The site's languages at their addresses: the first visit's redirect, the switcher's view and
the addresses of a page in every language.

Every public page exists in each language (embassy/urls.py): the default language's at the
unprefixed address, the others' under their code. The address alone says the language, so the
page cache and the edge cache key pages by address and a page is never served under another
language's address. The visitor's preference matters only at an unprefixed address: a first
visit whose browser prefers another language (Accept-Language), or a visitor who chose it with
the switcher (Django's language cookie, which wins), is redirected to that language's address.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.middleware import locale
from django.urls import get_script_prefix, is_valid_path, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from embassy.infrastructure.lib.languages import og_locale, path_in_language, path_language

Middleware = Callable[[HttpRequest], HttpResponseBase]


def codes() -> list[str]:
    """The site's language codes, the default first."""
    return [code for code, _name in settings.LANGUAGES]


def address_in(request: HttpRequest, code: str) -> str:
    """The request's path and query (the ones the page reads, once the page cache has removed
    the others) in the language `code`, without the script prefix."""
    return path_in_language(request.get_full_path_info(), code, codes())


def preferred_language_redirect(request: HttpRequest) -> HttpResponseRedirect | None:
    """The redirect of a visitor at an unprefixed public address who prefers another language:
    their language cookie, else their browser's Accept-Language. None when they stay here."""
    if request.method not in ("GET", "HEAD"):
        return None
    if path_language(request.path_info, codes()) != settings.LANGUAGE_CODE:
        return None
    preferred = translation.get_language_from_request(request)
    if preferred == settings.LANGUAGE_CODE:
        return None
    target = address_in(request, preferred)
    with translation.override(preferred):  # a language's addresses resolve only while active
        exists = is_valid_path(target.split("?", 1)[0])
    if not exists:
        return None  # the admin, the probes, robots.txt, an unknown address: one language only
    redirect = HttpResponseRedirect(get_script_prefix() + target.lstrip("/"))
    # Depends on the visitor: never stored by the page cache nor by any shared cache.
    patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
    patch_cache_control(redirect, private=True, no_store=True)
    return redirect


class PreferredLanguageMiddleware:
    """Sends a visitor who prefers another language from an unprefixed address to its address in
    that language. Before the page cache, which would otherwise answer with the default
    language's page; that page (Vary: Accept-Language, Cookie, from LocaleMiddleware and the
    page cache) is then only served to visitors who stay with the default language."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return preferred_language_redirect(request) or self.get_response(request)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's: the language of a public page is its address's. The pages no cache keeps
    (PAGE_CACHE_EXCLUDED_PREFIXES: the admin), with one address for every language, follow the
    visitor's choice or browser instead, as they did before the site had addresses per language."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        if has_one_address(request.path_info):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()


def has_one_address(path: str) -> bool:
    """A page with one address for every language (the admin), in the visitor's language."""
    return path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))


def is_own_path(request: HttpRequest, path: str) -> bool:
    """A path of this site: no other host or scheme, nothing that could break a header."""
    return (
        path.startswith("/")
        and path.isprintable()
        and url_has_allowed_host_and_scheme(
            path, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


@never_cache
@require_safe
def choose(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """The switcher's link: remembers the visitor's language in Django's language cookie and
    sends them to `next`, a path of this site, in that language (the admin's language choice
    too: its pages have one address, and follow the cookie). A GET, so the cached public
    pages (no CSRF token) can link to it; it changes nothing but the visitor's own cookie."""
    if code not in codes():
        raise Http404("No such language.")
    next_path = request.GET.get("next", "/")
    if not is_own_path(request, next_path):
        next_path = "/"
    if not has_one_address(next_path):
        next_path = path_in_language(next_path, code, codes())
    response = HttpResponseRedirect(next_path)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        # LANGUAGE_COOKIE_SAMESITE is this (settings.py); django-stubs types only this one's
        # values as set_cookie() takes them.
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )
    return response


def page_languages(request: HttpRequest) -> dict[str, Any]:
    """The page's language and its addresses in every language: the switcher's links (to the
    other languages, written in them), the alternates (absolute, with x-default) and the Open
    Graph locales. No query."""
    current = translation.get_language()
    default = settings.LANGUAGE_CODE
    region = settings.PHONENUMBER_DEFAULT_REGION
    # An item's page names only the languages the item is in (news.views.ItemDetailView).
    available = getattr(request, "content_languages", None) or codes()
    alternates = [
        {
            "code": code,
            "url": request.build_absolute_uri(
                get_script_prefix() + address_in(request, code).lstrip("/")
            ),
        }
        for code in codes()
        if code in available
    ]
    return {
        "alternates": alternates,
        "x_default": alternates[0]["url"],
        "others": [
            {
                "code": code,
                "name": LANG_INFO[code]["name_local"],
                "url": reverse("language", args=[code])
                + "?"
                + urlencode({"next": address_in(request, code)}),
            }
            for code in codes()
            if code != current
        ],
        "og_locale": og_locale(current, region, default),
        "og_locale_alternates": [
            og_locale(code, region, default)
            for code in codes()
            if code != current and code in available
        ],
    }
