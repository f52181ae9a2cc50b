"""The users' page of the admin: Django's, with whether each has a second factor, and the
superusers' action that resets it (two_factor.reset; also `manage.py reset_second_factor`).

django-otp's own device pages are taken out of the admin: they would show a superuser each
colleague's TOTP secret (and its QR code), and the reset is all that is needed of them.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy, ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from embassy.infrastructure import two_factor


class StaffUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "has_second_factor")
    actions = ["reset_second_factor"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Each user with whether they have a second factor (two subqueries, no query per row)."""
        confirmed = Q(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                second_factor=Exists(TOTPDevice.objects.filter(confirmed))
                | Exists(WebAuthnCredential.objects.filter(confirmed))
            )
        )

    @admin.display(boolean=True, description=gettext_lazy("Second factor"))
    def has_second_factor(self, user) -> bool:
        return user.second_factor

    def has_reset_second_factor_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    @admin.action(
        permissions=["reset_second_factor"],
        description=gettext_lazy("Reset the second factor (set up again at the next login)"),
    )
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet) -> None:
        users = list(queryset)
        for user in users:
            two_factor.reset(user)
            self.log_change(request, user, gettext("Second factor reset."))
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d user was reset: they set it up again at "
                "their next login.",
                "The second factors of %(count)d users were reset: they set them up again at "
                "their next login.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )


def register(site: admin.AdminSite) -> None:
    """Replace Django's users' page with StaffUserAdmin and take out django-otp's devices."""
    user_model = get_user_model()
    if site.is_registered(user_model):
        site.unregister(user_model)
    site.register(user_model, StaffUserAdmin)
    for model in (TOTPDevice, StaticDevice):
        if site.is_registered(model):
            site.unregister(model)
