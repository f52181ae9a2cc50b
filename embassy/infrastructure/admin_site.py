"""Django's admin site, named after the site, behind a second factor, with its shortcuts
checked like its pages.

No page of it answers a session that has not passed the second factor (has_permission): the
login form takes the password, then sends staff to the second step (two_factor_views.py),
which is all a password alone reaches, with the log-out.

Its header and titles say settings.SITE_NAME, read when a page is drawn (so a changed setting
shows), in the staff member's language.

"View on site" (/admin/r/<type>/<id>/) redirects to an object's public address; Django's
view asks only that the user be staff, so anyone in one area could learn the address (the date
and slug) of another area's drafts. Here it answers 404, as for an object that does not exist,
unless the user may view or change that very object in this admin.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.functional import lazy
from django.utils.translation import gettext

from embassy.infrastructure import admin_index, two_factor, two_factor_views


def _admin_header() -> str:
    return gettext("%(site)s: administration") % {"site": settings.SITE_NAME}


def _site_name() -> str:
    return settings.SITE_NAME


class AdminSite(admin.AdminSite):
    site_header = lazy(_admin_header, str)()
    # A tab reads "Site administration | <site>".
    site_title = lazy(_site_name, str)()

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None):
        """The list of models, below what is going on in the staff member's area."""
        context = {"panels": admin_index.panels(request), **(extra_context or {})}
        return super().index(request, context)

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff whose session passed the second factor (django-otp's is_verified)."""
        return super().has_permission(request) and two_factor.is_verified(request.user)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The password, then the second step: a staff member who gave the right password (now,
        or earlier in this session) is sent on to it."""
        if request.method == "GET" and two_factor_views.awaits_second_factor(request):
            return two_factor_views.second_step(request, two_factor_views.next_url(request))
        response = super().login(request, extra_context)
        if response.status_code == 302 and two_factor_views.awaits_second_factor(request):
            return two_factor_views.second_step(request, two_factor_views.next_url(request))
        return response

    def get_urls(self) -> list[Any]:
        replaced = {
            "view_on_site": path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            # Open to a session between the password and the second factor too (Django's
            # redirects it to the index, which sends it back to the second step).
            "logout": path("logout/", self.logout, name="logout"),
        }
        second_factor = [
            path(
                "second-factor/",
                two_factor_views.verify,
                {"site": self},
                name="second_factor",
            ),
            path(
                "second-factor/enrol/",
                two_factor_views.enrol,
                {"site": self},
                name="second_factor_enrol",
            ),
            path(
                "second-factor/recovery-codes/",
                self.admin_view(two_factor_views.recovery_codes),
                {"site": self},
                name="recovery_codes",
            ),
        ]
        return second_factor + [
            replaced.get(url.name or "", url) if isinstance(url, URLPattern) else url
            for url in super().get_urls()
        ]

    def view_on_site(
        self, request: HttpRequest, content_type_id: int, object_id: str
    ) -> HttpResponse:
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model) if model is not None else None
        if model_admin is None:
            raise Http404
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)
