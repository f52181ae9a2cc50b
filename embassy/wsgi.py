import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from embassy.infrastructure import database

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

application = get_wsgi_application()

# The web server's requests wait for PostgreSQL a bounded time; management commands may wait
# longer (a migration, a backup).
if settings.DB_WAIT_TIMEOUT:
    database.bound_waits(settings.DB_WAIT_TIMEOUT, settings.DB_RETRY_SECONDS)
