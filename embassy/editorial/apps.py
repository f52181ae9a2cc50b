from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Drafts of live content and their review (embassy/editorial/models.py). It knows no app:
    apps register their reviewed models (embassy.editorial.registry) in their ready()."""

    name = "embassy.editorial"
    label = "editorial"
    verbose_name = _("Review")

    def ready(self):
        from embassy.editorial import moments
        from embassy.infrastructure import caching

        caching.register_next_change(moments.next_change)
