"""The Redis cache backend (embassy/infrastructure/redis_cache.py) against the machine's Redis."""

import pytest

from embassy.infrastructure.redis_cache import RedisCache
from tests import servers

pytestmark = pytest.mark.system


@pytest.fixture
def redis_cache():
    servers.require_redis()
    backend = RedisCache(servers.REDIS_URL, {"KEY_PREFIX": "cache-backend-test"})
    backend.clear()
    yield backend
    backend.clear()


def test_it_stores_reads_and_forgets_like_django_s_own(redis_cache):
    redis_cache.set("page", {"title": "Статья"}, timeout=60)
    assert redis_cache.get("page") == {"title": "Статья"}
    assert redis_cache.add("page", "other") is False
    assert redis_cache.get_many(["page", "missing"]) == {"page": {"title": "Статья"}}
    redis_cache.delete("page")
    assert redis_cache.get("page") is None


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    redis_cache.set("a", 1)
    redis_cache.get("a")
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client
