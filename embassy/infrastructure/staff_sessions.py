"""How long a staff session lasts: STAFF_SESSION_IDLE_MINUTES without a request, and
STAFF_SESSION_MAX_HOURS after the login at most, however busy.

Both are kept by the session store (sessions.py), when a request reads the session, so that
a request that does not (a health probe with a staff cookie) stays off the database:
- idle: a session and its cookie expire SESSION_COOKIE_AGE after they were last saved, and
  the store saves every login session a request read (Django's SESSION_SAVE_EVERY_REQUEST
  would save them on every request, read or not);
- absolute: each login's time is kept in its session (the signal below), and a login session
  older than the limit, or of unknown age, reads as ended.

Visitors have no session: nothing here makes one, and Django saves none that is empty.
A password change ends the user's other sessions by Django's session auth hash: each session
keeps a hash of the password it was opened with, and one that no longer matches is ended at its
next request (update_session_auth_hash keeps the session that made the change).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

LOGGED_IN_AT = "staff_logged_in_at"


@receiver(user_logged_in, dispatch_uid="staff_sessions.remember_login_time")
def remember_login_time(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = timezone.now().timestamp()


def has_ended(data: dict[str, Any]) -> bool:
    """True for a login session older than STAFF_SESSION_MAX_HOURS, or whose login time is
    unknown (opened before the limit existed)."""
    if SESSION_KEY not in data:
        return False
    logged_in_at = data.get(LOGGED_IN_AT)
    if logged_in_at is None:
        return True
    return timezone.now().timestamp() - logged_in_at > settings.STAFF_SESSION_MAX_HOURS * 3600
