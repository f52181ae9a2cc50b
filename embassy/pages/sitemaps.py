"""The standing pages in sitemap.xml (its section "standing-pages", registered with news.sitemaps
by the app): every page a visitor can reach, in each language it is shown in."""

from embassy.pages.models import Page
from news.sitemaps import PublishedSitemap


class PageSitemap(PublishedSitemap):
    model = Page
    changefreq = "monthly"

    def published(self):
        return Page.objects.reachable()
