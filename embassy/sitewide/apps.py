from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from embassy.editorial import registry as editorial
from embassy.infrastructure import caching, versions


class SitewideConfig(AppConfig):
    """The content every page shows: clocks, day counters, the header; and the staff roles."""

    name = "embassy.sitewide"
    # The label the app had before it moved here: its tables, permissions and migrations keep
    # their names (embassy_clock, embassy.change_clock).
    label = "embassy"
    verbose_name = _("Site-wide content")

    def ready(self):
        # They import the models: not before ready() (roles: its receivers).
        from embassy.sitewide import preview, roles
        from embassy.sitewide.models import Clock, IncidentCounter

        caching.register_content(self)
        versions.register_content(self)
        # What every page shows goes through review too, previewed on the home page's header.
        for model in (Clock, IncidentCounter):
            editorial.register(model, preview=preview.preview)
        # Sent once per installed app; connected to this one so the groups sync once per migrate.
        post_migrate.connect(roles.sync_after_migrate, sender=self, dispatch_uid="roles-sync")
