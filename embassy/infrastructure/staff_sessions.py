"""How long a staff session lasts: STAFF_SESSION_IDLE_MINUTES without a request, and
STAFF_SESSION_MAX_HOURS after the login at most, however busy.

The idle limit is Django's own: the session and its cookie expire SESSION_COOKIE_AGE after the
last request that saved them, and SESSION_SAVE_EVERY_REQUEST saves every request's (settings).
The absolute limit is here: the login's time is kept in the session, and a session older than
the limit is ended, on whatever page, before the view sees it.

Visitors have no session: nothing here makes one. Only a request that brings a session cookie is
looked at, and a session without a login is never saved (Django saves none that is empty).
A password change ends the user's other sessions by Django's session auth hash: each session
keeps a hash of the password it was opened with, and one that no longer matches is ended at its
next request (update_session_auth_hash keeps the session that made the change).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LOGGED_IN_AT = "staff_logged_in_at"


@receiver(user_logged_in, dispatch_uid="staff_sessions.remember_login_time")
def remember_login_time(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = timezone.now().timestamp()


def is_too_old(request: HttpRequest) -> bool:
    """True when the session's login is older than STAFF_SESSION_MAX_HOURS, or its time is
    unknown (a session opened before the limit existed)."""
    logged_in_at = request.session.get(LOGGED_IN_AT)
    if logged_in_at is None:
        return True
    age = timezone.now().timestamp() - logged_in_at
    return age > timedelta(hours=settings.STAFF_SESSION_MAX_HOURS).total_seconds()


class StaffSessionMiddleware:
    """Ends a logged-in session past its absolute limit (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.user.is_authenticated
            and is_too_old(request)
        ):
            logout(request)
        return self.get_response(request)
