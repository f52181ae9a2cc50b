import pytest
from django.conf import settings


@pytest.fixture
def request_overhead() -> int:
    """Queries every request makes besides its own: the savepoint pair of the request's
    transaction when ATOMIC_REQUESTS is on."""
    return 2 if settings.DATABASES["default"].get("ATOMIC_REQUESTS") else 0
