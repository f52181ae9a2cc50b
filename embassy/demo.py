"""The demo content a newcomer sees on a fresh installation.

Facts and dates follow the reference capture of 28 June 2022; every sentence is our own.
"""

from django.apps import apps

# Every model whose rows count as site content (in load order).
CONTENT_MODELS: list[str] = []


def content_models():
    return [apps.get_model(label) for label in CONTENT_MODELS]


def site_is_empty() -> bool:
    """True when no content of any kind has been entered yet."""
    return not any(model.objects.exists() for model in content_models())


def content_snapshot() -> dict[str, list]:
    """Every content row as plain values, to compare the site before and after a command."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values()) for model in content_models()
    }


def load() -> None:
    """Create the demo content. Call only on an empty site (see site_is_empty)."""
