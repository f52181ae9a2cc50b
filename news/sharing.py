"""What an item page tells other sites: Open Graph tags and schema.org JSON-LD, with absolute
URLs built from the request. No query: everything comes from the item already loaded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.text import Truncator

from news.lib.search_text import html_to_text
from news.models import Article, Event, Publishable

DESCRIPTION_LENGTH = 200


def description(item: Publishable) -> str:
    """A sentence or two: the lead (an event's teaser), else the start of the body."""
    summary = item.teaser if isinstance(item, Event) else getattr(item, "lead", "")
    text = summary.strip() or html_to_text(item.body)
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def image_url(item: Publishable, request: HttpRequest) -> str | None:
    return request.build_absolute_uri(item.image.url) if item.image else None


def open_graph(item: Publishable, request: HttpRequest) -> dict[str, Any]:
    return {
        "type": "article" if isinstance(item, Article) else "website",
        "title": item.title,
        "description": description(item),
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "image": image_url(item, request),
        "image_alt": item.image_alt if item.image else "",
        "site_name": settings.SITE_NAME,
        "published_time": item.published_at if isinstance(item, Article) else None,
    }


def publisher() -> dict[str, str]:
    return {"@type": "Organization", "name": settings.SITE_NAME}


def article_data(article: Article, request: HttpRequest) -> dict[str, Any]:
    url = request.build_absolute_uri(article.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description(article),
        "url": url,
        "mainEntityOfPage": url,
        # The page's language: the address's (embassy/infrastructure/languages.py).
        "inLanguage": translation.get_language(),
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "articleSection": article.get_kind_display(),
        "publisher": publisher(),
    }
    if article.image:
        data["image"] = [image_url(article, request)]
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data


def event_data(event: Event, request: HttpRequest) -> dict[str, Any]:
    start, end = event.span()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": description(event),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "inLanguage": translation.get_language(),
        "startDate": start.isoformat(),
        "organizer": publisher(),
    }
    if end is not None:
        data["endDate"] = end.isoformat()
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    if event.image:
        data["image"] = [image_url(event, request)]
    return data
