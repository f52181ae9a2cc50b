from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

from embassy.editorial import registry as editorial
from embassy.infrastructure import caching, versions


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Newsroom")

    def ready(self):
        # They import the models: not before ready().
        from news import moments, search, search_vectors, searchables, sqlite_search_index, views
        from news.models import Article, Event

        caching.register_content(self, next_change=moments.next_change)
        versions.register_content(self)
        searchables.register(search.ArticleSearch())
        searchables.register(search.EventSearch())
        for model in (Article, Event):
            editorial.register(model, preview=views.preview)
        post_migrate.connect(
            sqlite_search_index.repair, sender=self, dispatch_uid="news-sqlite-search-repair"
        )
        post_migrate.connect(
            search_vectors.repair, sender=self, dispatch_uid="news-search-vectors-repair"
        )
        # A language the site no longer has: its search index goes before its columns may.
        pre_migrate.connect(
            sqlite_search_index.drop_unused, sender=self, dispatch_uid="news-sqlite-search-drop"
        )
        pre_migrate.connect(
            search_vectors.drop_unused, sender=self, dispatch_uid="news-search-vectors-drop"
        )
