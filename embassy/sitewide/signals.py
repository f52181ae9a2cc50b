"""Connects cache invalidation to the models: the cached header's rows to the models they come
from, the cached public pages to every model of the apps the pages show; and the staff groups'
permissions to the end of every migrate."""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save

from embassy.infrastructure import page_cache
from embassy.sitewide import header, roles

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

# Every model of these apps is shown on some public page (or, like hours, decides what one shows).
PAGE_APPS = ["embassy", "news", "consular"]


def connect() -> None:
    for label in HEADER_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                header.forget_rows, sender=model, dispatch_uid=f"header-{label}-{signal}"
            )
    for app_label in PAGE_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for signal in (post_save, post_delete):
                signal.connect(
                    page_cache.content_changed,
                    sender=model,
                    dispatch_uid=f"pages-{model._meta.label}-{signal}",
                )
    # Sent once per installed app; connected to one of them so the groups sync once per migrate.
    post_migrate.connect(
        roles.sync_after_migrate, sender=apps.get_app_config("embassy"), dispatch_uid="roles-sync"
    )
