from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.db.models.signals import post_migrate

        from news import sqlite_search_index

        post_migrate.connect(
            sqlite_search_index.repair, sender=self, dispatch_uid="news-sqlite-search-repair"
        )
