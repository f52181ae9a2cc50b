from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from embassy.editorial import registry as editorial
from embassy.infrastructure import caching, versions


class ConsularConfig(AppConfig):
    name = "consular"
    verbose_name = _("Consular section")

    def ready(self):
        # They import the models: not before ready().
        from consular import moments, views
        from consular.models import Notice

        caching.register_content(self, next_change=moments.next_change)
        # A contact point's version holds its numbers and hours; a change to one of them is a
        # change to the contact point.
        children = ["phone_numbers", "opening_hours", "exceptions"]
        parent = ["contact_point"]
        versions.register_content(
            self,
            follow={
                "contactpoint": children,
                "phonenumber": parent,
                "openinghours": parent,
                "hoursexception": parent,
            },
        )
        # Notices go public through the section's publishers, previewed on the consular page.
        editorial.register(Notice, preview=views.preview)
