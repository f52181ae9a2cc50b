"""sitemap.xml: an index of three sections (the list pages, the articles, the events), each
paginated by the sitemaps framework. Only published items are listed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import Article, Event


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "news:archive", "news:events"]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    """The published items of one model, newest first, reading only what the URLs need."""

    model: type[Article] | type[Event] | None = None

    def items(self):
        return (
            self.model.objects.published()
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

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
