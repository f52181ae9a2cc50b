from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from embassy.editorial.admin import ReviewedAdmin
from embassy.infrastructure.admin_languages import TranslatedAdmin
from embassy.infrastructure.versions_admin import VersionsAdmin
from embassy.sitewide.models import Clock, IncidentCounter, Redirect


@admin.register(Clock)
class ClockAdmin(ReviewedAdmin, VersionsAdmin, TranslatedAdmin):
    list_display = ["city", "time_zone", "order"]
    list_editable = ["order"]


@admin.register(IncidentCounter)
class IncidentCounterAdmin(ReviewedAdmin, VersionsAdmin, TranslatedAdmin):
    list_display = ["event_name", "event_date", "shown", "order"]
    list_filter = ["is_shown"]
    search_fields = ["event_name", "note"]

    @admin.display(boolean=True, description=_("shown"), ordering="is_shown")
    def shown(self, counter):
        return counter.is_shown


@admin.register(Redirect)
class RedirectAdmin(VersionsAdmin, admin.ModelAdmin):
    """Redirects made when an address changed, and those staff add for other old addresses."""

    list_display = ["old_path", "new_path", "made_by_itself", "created_at"]
    search_fields = ["old_path", "new_path"]
    fields = ["old_path", "new_path"]

    @admin.display(boolean=True, description=_("made when an address changed"))
    def made_by_itself(self, redirect):
        return redirect.is_made_by_itself
