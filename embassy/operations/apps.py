from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backup and restore, the demo content, the benchmark's yardstick."""

    name = "embassy.operations"
