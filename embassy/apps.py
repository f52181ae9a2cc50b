from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbassyConfig(AppConfig):
    name = "embassy"
    verbose_name = _("Site-wide content")

    def ready(self):
        from embassy import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
