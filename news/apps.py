from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure import caching


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Newsroom")

    def ready(self):
        from news import moments, sqlite_search_index  # they import the models: not before ready()

        caching.register_content(self, next_change=moments.next_change)
        post_migrate.connect(
            sqlite_search_index.repair, sender=self, dispatch_uid="news-sqlite-search-repair"
        )
