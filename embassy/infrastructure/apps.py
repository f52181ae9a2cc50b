from django.apps import AppConfig


class InfrastructureConfig(AppConfig):
    """What every app uses: caching, time, security headers, health probes, outage handling.
    It knows nothing of the apps; they register with it."""

    name = "embassy.infrastructure"

    def ready(self):
        from embassy.infrastructure import checks  # noqa: F401 (registers the checks)
