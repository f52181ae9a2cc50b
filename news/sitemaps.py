"""sitemap.xml: an index of three sections (the list pages, the articles, the events), each
paginated by the sitemaps framework. Only published items are listed, each at its address in
every language, with its alternates (hreflang, and x-default: the default language's)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any, overload

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from news.models import Article, Event


class InEveryLanguage(Sequence[tuple[Any, str]]):
    """The (item, language) pairs of a sitemap, read a page at a time: Django's own list of them
    would read every item for every page of the sitemap. One COUNT and one slice per page, as
    without languages."""

    def __init__(self, items: QuerySet[Any], languages: list[str]) -> None:
        self.items = items
        self.languages = languages

    @cached_property
    def length(self) -> int:
        return self.items.count() * len(self.languages)

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> tuple[Any, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Any, str] | list[tuple[Any, str]]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        width = len(self.languages)
        first = start // width
        rows = self.items[first : -(-stop // width)]
        pairs = [(item, language) for item in rows for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class MultilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(MultilingualSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "news:archive", "news:events"]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(MultilingualSitemap):
    """The published items of one model, newest first, reading only what the URLs need."""

    model: type[Article] | type[Event] | None = None

    def items(self):
        return (
            self.model.objects.published()
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def _items(self):
        # Django's would be a list of every item (django.contrib.sitemaps.Sitemap._items).
        return InEveryLanguage(self.items(), self._languages())

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate query, where the default would read every item for the index.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ArticleSitemap(PublishedSitemap):
    model = Article


class EventSitemap(PublishedSitemap):
    model = Event


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap, "events": EventSitemap}
