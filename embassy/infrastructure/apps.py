from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class InfrastructureConfig(AppConfig):
    """What every app uses: caching, time, security headers, health probes, outage handling.
    It knows nothing of the apps; they register with it."""

    name = "embassy.infrastructure"
    default = True

    def ready(self):
        # The system checks, and the signal that notes each login's time.
        from embassy.infrastructure import checks, staff_sessions  # noqa: F401


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin app with the site's own AdminSite (admin_site.py) as admin.site."""

    default = False  # named in INSTALLED_APPS; InfrastructureConfig is this module's default
    default_site = "embassy.infrastructure.admin_site.AdminSite"

    def ready(self):
        super().ready()  # every app's admin module registers its models
        from django.contrib import admin

        from embassy.infrastructure import user_admin

        user_admin.register(admin.site)
