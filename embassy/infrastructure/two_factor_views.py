"""The steps between a staff member's password and the admin (two_factor.py says what is
checked and why).

After the password (the admin's login form, admin_site.py), a staff member is sent to:

- the enrolment page, when they have no second factor yet (a new account, or one a superuser
  reset): an authenticator app, from its secret as text and as a QR code drawn here, confirmed
  with its first code; or a passkey or security key. Then their ten recovery codes, shown once;
- otherwise the verification page: a code from the app, a recovery code, or the passkey.

These pages are the admin site's (admin_site.py routes them) but reachable with the password
alone; they show nothing of the admin. Passkeys go through django-otp-webauthn's JSON views,
here with the lockout added: a failed passkey counts like a wrong code.
"""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions as webauthn_errors
from django_otp_webauthn import views as webauthn

from embassy.infrastructure import two_factor

# The recovery codes made at enrolment, kept in the session until the page that shows them once.
NEW_CODES = "two_factor_new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def next_url(request: HttpRequest) -> str:
    """Where the login was going: `next` if it is an address of this site, else the admin."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def with_next(name: str, next_path: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_path})}"


def second_step(request: HttpRequest, next_path: str) -> HttpResponseRedirect:
    """Redirect a staff member who gave the password to the step they need."""
    name = (
        "admin:second_factor"
        if two_factor.has_second_factor(request.user)
        else "admin:second_factor_enrol"
    )
    return HttpResponseRedirect(with_next(name, next_path))


def awaits_second_factor(request: HttpRequest) -> bool:
    """True for staff past the password and not yet the second factor. Just after the login
    form, request.user is the user the form logged in, whom django-otp's middleware has not
    seen: without is_verified, and not verified."""
    user = request.user
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not two_factor.is_verified(user)
    )


def context(site: admin.AdminSite, request: HttpRequest, **values: Any) -> dict[str, Any]:
    """The admin's frame (site name, language, theme) without anything of the admin itself:
    no list of apps, no user tools."""
    return {
        **site.each_context(request),
        "available_apps": [],
        "is_nav_sidebar_enabled": False,
        "has_permission": False,
        "next": next_url(request),
        **values,
    }


def locked_out(request: HttpRequest) -> HttpResponse:
    """End the session and answer with the lockout page (axes' middleware draws it)."""
    credentials = two_factor.credentials(request.user)
    logout(request)
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return HttpResponse(status=429)


def wrong_code(request: HttpRequest, form: CodeForm, code: str) -> HttpResponse | None:
    """Count a wrong code; the lockout page when that was one too many, else None (the form,
    with its error, is shown again)."""
    if two_factor.count_failure(request, request.user):
        return locked_out(request)
    form.add_error("code", gettext("That code is not right, or it has been used already."))
    if two_factor.is_throttled(request.user, code):
        form.add_error(
            "code",
            gettext("After several wrong codes, the next one is checked only after a wait."),
        )
    return None


def entry(view):
    """The two steps' views: for staff who gave their password, not yet verified."""

    @never_cache
    @csrf_protect
    def wrapped(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
        if not request.user.is_authenticated or not request.user.is_staff:
            return HttpResponseRedirect(with_next("admin:login", next_url(request)))
        if two_factor.is_verified(request.user):
            return HttpResponseRedirect(next_url(request))
        if two_factor.is_locked_out(request, request.user):
            return locked_out(request)
        return view(request, site)

    return wrapped


@entry
def verify(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    if not two_factor.has_second_factor(request.user):
        return second_step(request, next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        device = two_factor.matching_device(request.user, code)
        if device is not None:
            two_factor.complete_login(request, device)
            return HttpResponseRedirect(next_url(request))
        if (refusal := wrong_code(request, form, code)) is not None:
            return refusal
    return render(
        request,
        "admin/second_factor/verify.html",
        context(site, request, form=form, title=gettext("Second step of the login")),
    )


@entry
def enrol(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    if two_factor.has_second_factor(request.user):
        return second_step(request, next_url(request))
    device = two_factor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if two_factor.confirm_authenticator(device, code):
            two_factor.complete_login(request, device)
            request.session[NEW_CODES] = two_factor.new_recovery_codes(request.user)
            return HttpResponseRedirect(with_next("admin:recovery_codes", next_url(request)))
        if (refusal := wrong_code(request, form, code)) is not None:
            return refusal
    qr_code = segno.make(device.config_url, error="m").svg_inline(
        scale=4, light="#fff", title=gettext("QR code of the secret")
    )
    return render(
        request,
        "admin/second_factor/enrol.html",
        context(
            site,
            request,
            form=form,
            title=gettext("Set up the second step of the login"),
            secret=two_factor.secret(device),
            config_url=device.config_url,
            qr_code=qr_code.replace("<svg ", '<svg role="img" ', 1),
        ),
    )


def recovery_codes(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    """The recovery codes, once: right after enrolment (a passkey's too, which made none), or
    new ones on request, which replace the old. Behind the admin's own check: verified only."""
    codes = request.session.pop(NEW_CODES, None)
    if request.method == "POST" or (
        codes is None and not two_factor.has_recovery_codes(request.user)
    ):
        codes = two_factor.new_recovery_codes(request.user)
    return render(
        request,
        "admin/second_factor/recovery_codes.html",
        {
            **site.each_context(request),
            "title": gettext("Recovery codes"),
            "codes": codes,
            "next": next_url(request),
        },
    )


# --- passkeys: django-otp-webauthn's views, with the lockout -----------------------------------


class PasskeyLockedOut(webauthn_errors.OTPWebAuthnApiError):
    status_code = 429
    code = "locked_out"
    default_detail = gettext_lazy("Too many failed logins: this account is locked for now.")


class PasskeyLogin(webauthn.CompleteCredentialAuthenticationView):
    """The passkey as a second factor: refused while the account is locked out, a failure
    counted, a success completing the login like a right code."""

    def check_can_authenticate(self) -> None:
        super().check_can_authenticate()
        user = self.request.user
        if user.is_authenticated and two_factor.is_locked_out(self.request, user):
            raise PasskeyLockedOut()

    def handle_exception(self, exc: Exception) -> Any:
        user = self.request.user
        counted = (
            isinstance(exc, webauthn_errors.OTPWebAuthnApiError)
            and not isinstance(exc, PasskeyLockedOut)
            and user.is_authenticated
        )
        if counted and two_factor.count_failure(self.request, user):
            logout(self.request)
            # The script shows this answer's message; axes' page would be lost on it.
            self.request.axes_locked_out = False
            exc = PasskeyLockedOut()
        return super().handle_exception(exc)

    def complete_auth(self, device: Any) -> Any:
        two_factor.complete_login(self.request, device)

    def get_success_url(self) -> str:
        return self.get_redirect_url() or reverse("admin:index")


class PasskeyEnrolment(webauthn.CompleteCredentialRegistrationView):
    """A first passkey is a complete login, like a first app code."""

    def post(self, *args: Any, **kwargs: Any) -> Any:
        response = super().post(*args, **kwargs)
        two_factor.complete_login(self.request, self.request.user.otp_device)
        return response


passkey_urls = [
    path(
        "registration/begin/",
        webauthn.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        PasskeyEnrolment.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        webauthn.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        PasskeyLogin.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
# The namespace the library's template tags address.
passkeys = include((passkey_urls, "otp_webauthn"))
