"""Admin login lockout (django-axes): the backend the site uses.

Settings: AXES_* in embassy/settings.py (the address behind proxies too); the lockout page:
templates/axes/lockout.html.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginLockoutBackend(AxesStandaloneBackend):
    """Refuses every login, right password or not, while the account and address are locked.

    A login made without a request (the test client's login(), a script) has no address to count
    or lock: axes would raise an error, so it is passed on to the next backend unchecked. Every
    login a visitor can attempt, the admin's login form, comes with its request. axes has no
    setting for this (AXES_ENABLED switches off every check).
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
