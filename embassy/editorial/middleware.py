"""Scheduled publication of approved changes without cron: a request after a change's time
applies it, before the page cache answers.

Approved changes report their publication time as a moment the pages change by themselves
(embassy.editorial.moments, registered with caching), so the page cache and the edge cache's
max-age expire then. This middleware reads that stored moment (the cache only, no query): once
it has passed, it asks the database whether an approved change is due and applies it. The
moment is stored whenever a page is rendered, so a change due while nobody visited is applied
at the next visit. `manage.py publish_due_changes` does the same from cron.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from embassy.editorial.models import Change
from embassy.infrastructure import caching


class DueChangesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)):
            moment = caching.known_next_change()
            now = timezone.now()
            if moment is not None and moment <= now:
                due = Change.objects.first_due()
                if due is not None and due <= now:
                    Change.objects.apply_due(now)
        return self.get_response(request)
