from django.apps import AppConfig
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from embassy.editorial import registry as editorial
from embassy.infrastructure import caching, versions


class PagesConfig(AppConfig):
    """Standing pages: the embassy, the ambassador, consular guidance, the statements the law
    asks for. A tree staff keep in the admin, each page owned by an area."""

    name = "embassy.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from embassy.pages import moments, views
        from embassy.pages.models import Page, areas_of
        from embassy.pages.search import PageSearch
        from embassy.pages.sitemaps import PageSitemap
        from news import searchables, sitemaps
        from news.models import delete_picture_files

        caching.register_content(self, next_change=moments.next_change)
        versions.register_content(self)
        searchables.register(PageSearch())
        # A page's changes go through its area's publishers, as articles go through the press
        # office's.
        editorial.register(
            Page,
            preview=views.preview,
            keeps=lambda user, page: page.area in areas_of(user),
            kept_by=lambda user: Q(values__area__in=areas_of(user)),
        )
        sitemaps.register("standing-pages", PageSitemap)
        # A deleted page's picture files go with it, as an article's do.
        post_delete.connect(delete_picture_files, sender=Page, dispatch_uid="page-picture-files")
