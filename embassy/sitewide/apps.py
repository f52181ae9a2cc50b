from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    """The content every page shows: clocks, day counters, the header; and the staff roles."""

    name = "embassy.sitewide"
    # The label the app had before it moved here: its tables, permissions and migrations keep
    # their names (embassy_clock, embassy.change_clock).
    label = "embassy"
    verbose_name = _("Site-wide content")

    def ready(self):
        from embassy.sitewide import signals

        signals.connect()
