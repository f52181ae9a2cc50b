from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class InfrastructureConfig(AppConfig):
    """What every app uses: caching, time, security headers, health probes, outage handling.
    It knows nothing of the apps; they register with it."""

    name = "embassy.infrastructure"
    default = True

    def ready(self):
        from embassy.infrastructure import checks  # noqa: F401 (registers the checks)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin app with the site's own AdminSite (admin_site.py) as admin.site."""

    default = False  # named in INSTALLED_APPS; InfrastructureConfig is this module's default
    default_site = "embassy.infrastructure.admin_site.AdminSite"
