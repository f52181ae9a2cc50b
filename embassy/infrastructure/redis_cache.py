"""Django's Redis cache backend, with one Redis client per connection pool instead of one per
cache call.

Django's RedisCacheClient builds a new redis.Redis object for every get and set: about 0.1 ms
each (it fills a table of some 170 response callbacks), which is as long as answering a cached
page takes otherwise. A redis.Redis is safe to share between threads, and its pool opens a new
connection after a fork, so one per pool serves the whole process. settings.py puts this
backend in place whenever CACHE_URL names Redis.
"""

from django.core.cache.backends import redis


class ReusedClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
