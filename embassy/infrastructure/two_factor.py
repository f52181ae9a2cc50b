"""Staff's second factor: what a staff member has besides the password, and how it is checked.

Three kinds, all django-otp devices, so that `request.user.is_verified()` (django-otp's
OTPMiddleware) says whether this session passed a second factor, whichever was used:

- an authenticator app (TOTP, django-otp's TOTPDevice): six digits that change every 30 s;
- passkeys and security keys (WebAuthn, django-otp-webauthn's credential);
- ten recovery codes (django-otp's StaticDevice), each accepted once, for a lost phone or key.

The admin (admin_site.py) lets no page through without a verified session; the steps between
the password and the admin are in two_factor_views.py. Every wrong code counts as a failed login
for the lockout (django-axes, lockout.py), and the count is forgotten only when a login is
complete, second factor included: a password alone does not reset it, or whoever knows the
password could guess codes for ever, a few at a time. django-otp's own throttling stays on as
well: it slows guessing per device, from any number of addresses.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper as LibraryWebAuthnHelper

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_APP = "Authenticator app"
RECOVERY_CODES = "Recovery codes"


def is_verified(user: Any) -> bool:
    """True when this session passed the second factor (django-otp's middleware gives each
    request's user is_verified; a user just logged in by the form has not been through it)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_second_factor(user: Any) -> bool:
    """True when the user has confirmed a device (an app or a passkey) to log in with."""
    return any(
        not isinstance(device, StaticDevice) for device in devices_for_user(user, confirmed=True)
    )


def pending_authenticator(user: Any) -> TOTPDevice:
    """The authenticator app being enrolled: a new secret, kept until its first code confirms
    it (the same one while the enrolment page is reloaded)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_APP, confirmed=False)


def secret(device: TOTPDevice) -> str:
    """The TOTP secret as an authenticator app asks for it: base32, in groups of four."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def new_recovery_codes(user: Any) -> list[str]:
    """Ten new recovery codes for the user, replacing any earlier ones (which stop working)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def has_recovery_codes(user: Any) -> bool:
    return StaticToken.objects.filter(device__user=user).exists()


def normalized(code: str) -> str:
    """A code as typed (spaces, capitals) in the form the devices store."""
    return "".join(code.split()).lower()


def matching_device(user: Any, code: str) -> Device | None:
    """The user's confirmed device that accepts `code` (using it up: a TOTP code is not
    accepted twice, a recovery code is deleted), or None. Six digits are an app's code; anything
    else is tried as a recovery code, so a wrong guess counts against one kind only."""
    code = normalized(code)
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def confirm_authenticator(device: TOTPDevice, code: str) -> bool:
    """Confirm an app being enrolled with its first code."""
    if not device.verify_token(normalized(code)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def is_throttled(user: Any, code: str) -> bool:
    """True while django-otp makes the user wait before it checks another code of this kind
    (after wrong ones: 1 s, 2 s, 4 s...)."""
    model = TOTPDevice if normalized(code).isdigit() else StaticDevice
    return any(
        not device.verify_is_allowed()[0]
        for device in model.objects.devices_for_user(user, confirmed=True)
    )


# --- lockout ---------------------------------------------------------------------------------


def credentials(user: Any) -> dict[str, str]:
    return {"username": user.get_username()}


def is_locked_out(request: HttpRequest, user: Any) -> bool:
    """True while the account is locked from this address (django-axes' count)."""
    return not AxesProxyHandler.is_allowed(request, credentials(user))


def count_failure(request: HttpRequest, user: Any) -> bool:
    """Count a wrong code as a failed login; True when that locks the account out (the
    response then becomes axes' lockout page, through its middleware)."""
    user_login_failed.send(sender=__name__, credentials=credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def complete_login(request: HttpRequest, device: Device) -> None:
    """The second factor passed: mark the session verified and forget the failed attempts."""
    otp_login(request, device)
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(
        ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        username=request.user.get_username(),
    )


def reset(user: Any) -> int:
    """Remove every device of the user: at the next request they must enrol again. Returns how
    many devices were removed."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


# --- passkeys (django-otp-webauthn) ----------------------------------------------------------


def relying_party_id(request: HttpRequest) -> str:
    """A passkey belongs to the host name its page was asked at (one of ALLOWED_HOSTS)."""
    return split_domain_port(request.get_host())[0]


def relying_party_name(request: HttpRequest) -> str:
    return settings.SITE_NAME


class WebAuthnHelper(LibraryWebAuthnHelper):
    """The library's helper, expecting the browser at the origin the request came to: the
    host is one of ALLOWED_HOSTS (Django refuses others), and the scheme is https behind a
    TLS proxy that says so (SECURE_PROXY_SSL_HEADER). A fixed list would need every port of
    a development or test server."""

    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]
