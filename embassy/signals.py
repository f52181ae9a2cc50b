"""Connects cache invalidation to every model whose rows the cached header shows, and the staff
groups' permissions to the end of every migrate."""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save

from embassy import header, roles

HEADER_MODELS = [
    "embassy.Clock",
    "embassy.IncidentCounter",
    "consular.ContactPoint",
    "consular.PhoneNumber",
    # Hours are not in the header; listed so that any consular change, also one saved through
    # the contact point's inlines alone, empties the cache at once.
    "consular.OpeningHours",
    "consular.HoursException",
    "consular.Notice",
]


def connect() -> None:
    for label in HEADER_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                header.forget_rows, sender=model, dispatch_uid=f"header-{label}-{signal}"
            )
    # Sent once per installed app; connected to one of them so the groups sync once per migrate.
    post_migrate.connect(
        roles.sync_after_migrate, sender=apps.get_app_config("embassy"), dispatch_uid="roles-sync"
    )
