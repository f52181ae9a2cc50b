"""Context processors: each returns one small namespaced dict for every template."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from embassy.editorial import registry as editorial
from embassy.infrastructure import languages as site_languages
from embassy.infrastructure.translated import Text
from embassy.sitewide import header, preview


def site(request: HttpRequest) -> dict[str, Any]:
    """The site's name, written in the default language: pages in another mark it as such
    where it shows (|with_lang)."""
    return {"site_name": Text(settings.SITE_NAME, settings.LANGUAGE_CODE)}


def site_header(request: HttpRequest) -> dict[str, Any]:
    """The date line, clocks, counters and header contact for the moment of the request.

    Lazy: a template that shows no header (the error pages) costs no query. Otherwise three
    queries the first time, none once the rows are cached.
    """
    item, previewing = editorial.previewed(request) or (None, "")
    if isinstance(item, preview.SHOWN_IN_THE_HEADER):
        # The staff preview of a clock, counter or notice (embassy/sitewide/preview.py).
        rows = preview.rows_with(item)
        return {"header": header.build(timezone.now(), rows), "header_previewing": previewing}
    return {"header": SimpleLazyObject(lambda: header.build(timezone.now(), header.cached_rows()))}


def languages(request: HttpRequest) -> dict[str, Any]:
    """The page's language, its addresses in the others (the switcher, the alternates) and its
    Open Graph locales. Lazy, and no query."""
    return {"languages": SimpleLazyObject(lambda: site_languages.page_languages(request))}
