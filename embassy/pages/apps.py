from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure import caching, versions


class PagesConfig(AppConfig):
    """Standing pages: the embassy, the ambassador, consular guidance, the statements the law
    asks for. A tree staff keep in the admin, each page owned by an area."""

    name = "embassy.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self):
        # They import the models: not before ready().
        from embassy.pages.search import PageSearch
        from embassy.pages.sitemaps import PageSitemap
        from news import searchables, sitemaps

        caching.register_content(self)
        versions.register_content(self)
        searchables.register(PageSearch())
        sitemaps.register("standing-pages", PageSitemap)
