from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure import caching


class ConsularConfig(AppConfig):
    name = "consular"
    verbose_name = _("Consular section")

    def ready(self):
        from consular import moments  # it imports the models: not before ready()

        caching.register_content(self, next_change=moments.next_change)
