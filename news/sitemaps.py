"""sitemap.xml: an index of sections (the list pages, the articles, the events, and those other
apps register from their AppConfig.ready(): the standing pages), each paginated by the sitemaps
framework. Only published items are listed, each at its address in every language it is shown
in, with its alternates (hreflang, and x-default: the default language's)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any, overload

from django.contrib.sitemaps import Sitemap
from django.db.models import Case, Count, Max, When
from django.urls import reverse

from news.models import Article, Event, Publishable, PublishableQuerySet, shown_in


class InTheirLanguages(Sequence[tuple[Any, str]]):
    """The (item, language) pairs of a sitemap, language after language (the items shown in
    each, newest first), read a page at a time: Django's own list of them would read every item
    for every page. One query counts the items of every language, one reads a page (two for the
    page where one language's items end and the next one's begin)."""

    def __init__(self, items: PublishableQuerySet, languages: list[str]) -> None:
        self.items = items
        self.languages = languages

    @cached_property
    def counts(self) -> dict[str, int]:
        return self.items.aggregate(
            **{code: Count("pk", filter=shown_in(code)) for code in self.languages}
        )

    def __len__(self) -> int:
        return sum(self.counts.values())

    @overload
    def __getitem__(self, index: int) -> tuple[Any, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Any, str] | list[tuple[Any, str]]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        pairs: list[tuple[Any, str]] = []
        first = 0  # the index of the language's first pair
        for code in self.languages:
            low, high = max(start - first, 0), min(stop - first, self.counts[code])
            if low < high:
                rows = self.items.in_language(code)[low:high]
                pairs += [(item, code) for item in rows]
            first += self.counts[code]
        return pairs


class MultilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(MultilingualSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "news:archive", "news:events", "consular:index"]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(MultilingualSitemap):
    """The published items of one model, newest first, reading only what the URLs need."""

    model: type[Publishable]

    def published(self) -> PublishableQuerySet:
        """The items listed (in the languages they are shown in)."""
        return self.model.objects.published()

    def items(self):
        languages = {
            f"shown_in_{code}": Case(When(condition, then=True), default=False)
            for code in self._languages()
            if (condition := shown_in(code)) is not None
        }
        return (
            self.published()
            .only(*self.model.ADDRESS_FIELDS, "published_at", "updated_at")
            .annotate(**languages)
            .order_by("-published_at", "-pk")
        )

    def _items(self):
        # Django's would be a list of every item (django.contrib.sitemaps.Sitemap._items).
        return InTheirLanguages(self.items(), self._languages())

    def get_languages_for_item(self, item):
        """The alternates of an item: the languages it is shown in."""
        return [code for code in self._languages() if getattr(item, f"shown_in_{code}", True)]

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate query, where the default would read every item for the index.
        return self.published().aggregate(latest=Max("updated_at"))["latest"]


class ArticleSitemap(PublishedSitemap):
    model = Article


class EventSitemap(PublishedSitemap):
    model = Event


# The sections by name (their address: /sitemap-<name>.xml), in the index's order.
SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "events": EventSitemap,
}


def register(name: str, sitemap: type[Sitemap]) -> None:
    """Add a section to sitemap.xml, after those there are (from an app's AppConfig.ready())."""
    SITEMAPS[name] = sitemap
