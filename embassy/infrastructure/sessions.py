"""Sessions kept in the database and read through the cache (Django's cached_db), whose keys
carry a signature, so that a session cookie the site never issued is known for what it is
without a lookup.

The page cache (embassy.infrastructure.page_cache) serves a visitor with such a cookie as
anonymous, at the cost of a cached page: a made-up `sessionid` can neither bypass the page cache
nor make the database look it up. A key is 28 random characters and 12 of an HMAC of them under
SECRET_KEY (or one of SECRET_KEY_FALLBACKS, so rotating the key keeps sessions as Django does).
Sessions made before the keys were signed read as not issued on public pages, and their staff
log in again.

A login session past STAFF_SESSION_MAX_HOURS is ended when it is read (staff_sessions.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

from embassy.infrastructure import staff_sessions

RANDOM_LENGTH = 28
SIGNATURE_LENGTH = 12
SALT = "embassy.infrastructure.sessions"


def signature(random_part: str, secret: str | bytes) -> str:
    return salted_hmac(SALT, random_part, secret=secret, algorithm="sha256").hexdigest()[
        :SIGNATURE_LENGTH
    ]


def new_key() -> str:
    random_part = get_random_string(RANDOM_LENGTH, VALID_KEY_CHARS)
    return random_part + signature(random_part, settings.SECRET_KEY)


def is_issued(key: str) -> bool:
    """True when this site made the session key: a cookie worth looking up."""
    if len(key) != RANDOM_LENGTH + SIGNATURE_LENGTH:
        return False
    random_part, signed = key[:RANDOM_LENGTH], key[RANDOM_LENGTH:]
    return any(
        constant_time_compare(signed, signature(random_part, secret))
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    )


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict:
        """The session's data; a login session is also marked to be saved again at the end of
        the request that read it, so that it expires SESSION_COOKIE_AGE after its last use (the
        idle limit, staff_sessions.py), and one past its absolute limit reads as ended."""
        data = super().load()
        if staff_sessions.has_ended(data):
            # As Django's database store does with an expired session: gone, and a new key.
            self.delete()
            self._session_key = None
            return {}
        if SESSION_KEY in data:
            self.modified = True
        return data

    def _get_new_session_key(self) -> str:
        while True:
            key = new_key()
            if not self.exists(key):
                return key

    async def _aget_new_session_key(self) -> str:
        while True:
            key = new_key()
            if not await self.aexists(key):
                return key
