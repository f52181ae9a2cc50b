"""The pages' part of every page: the menu's entries and the footer's links."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from embassy.pages import navigation


def pages_navigation(request: HttpRequest) -> dict[str, Any]:
    """Lazy: a template that shows no menu (the error pages) costs no query. Otherwise one
    query the first time in each language, none once remembered."""
    return {
        "navigation": SimpleLazyObject(lambda: navigation.for_request(request.path, timezone.now()))
    }
