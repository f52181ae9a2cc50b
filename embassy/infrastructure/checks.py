"""System checks of the site's own settings, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {"django.core.cache.backends.locmem.LocMemCache"}


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Production runs several worker processes; each must see a change the moment another saves
    it, so the cached pages and header must live in a cache they all share."""
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES and settings.PAGE_CACHE_ENABLED:
        return [
            Warning(
                "CACHE_URL is a cache of each process's own memory: with more than one worker, "
                "a change saved through one leaves the others serving the old pages until they "
                "expire.",
                hint="Set CACHE_URL to the shared Redis, e.g. redis://127.0.0.1:6379/0.",
                id="embassy.W001",
            )
        ]
    return []
