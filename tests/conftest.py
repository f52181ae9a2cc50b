import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of a test go to a folder of its own, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page: for tests that count what rendering a page costs."""
    settings.PAGE_CACHE_ENABLED = False
