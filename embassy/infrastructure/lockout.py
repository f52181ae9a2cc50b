"""Admin login lockout (django-axes): the backend the site uses and how it finds the address.

Settings: AXES_* in embassy/settings.py; the lockout page: templates/axes/lockout.html.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


class LoginLockoutBackend(AxesStandaloneBackend):
    """Refuses every login, right password or not, while the account and address are locked.

    A login made without a request (the test client's login(), a script) has no address to count
    or lock: axes would raise an error, so it is passed on to the next backend unchecked. Every
    login a visitor can attempt, the admin's login form, comes with its request.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The visitor's address: REMOTE_ADDR, or behind LOGIN_LOCKOUT_PROXY_COUNT reverse proxies
    the address the outermost of them saw, from X-Forwarded-For.

    Counting from the right, because a client can put anything at the left of the header; only
    the entries our own proxies appended can be trusted.
    """
    proxies = settings.LOGIN_LOCKOUT_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The page a locked-out login gets: what happened and how long it lasts (429)."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "axes/lockout.html", context, status=429)
