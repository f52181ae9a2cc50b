from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consular.forms import OpeningHoursFormSet
from consular.models import ContactPoint, HoursException, Notice, OpeningHours, PhoneNumber
from embassy.editorial.admin import ReviewedAdmin
from embassy.infrastructure import admin_index
from embassy.infrastructure.admin_languages import TranslatedAdmin, TranslatedTabularInline
from embassy.infrastructure.admin_times import TimesAdmin
from embassy.infrastructure.versions_admin import VersionsAdmin


class PhoneNumberInline(TranslatedTabularInline):
    model = PhoneNumber
    extra = 1
    fields = ["number", "label", "order"]


class OpeningHoursInline(TimesAdmin, admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 1
    fields = ["weekday", "opens", "closes"]


class HoursExceptionInline(TimesAdmin, TranslatedTabularInline):
    model = HoursException
    extra = 0
    fields = ["date", "opens", "closes", "reason"]
    verbose_name = _("change to the usual hours (holiday closure, shorter day)")
    # Without it Django appends an "s" to verbose_name.
    verbose_name_plural = _("changes to the usual hours (holiday closures, shorter days)")

    def get_queryset(self, request):
        # Past exceptions are history: the form lists those from today on.
        return super().get_queryset(request).filter(date__gte=timezone.localdate())


@admin.register(HoursException)
class HoursExceptionAdmin(VersionsAdmin, TimesAdmin, TranslatedAdmin):
    """Changes to the usual hours, entered once for the whole section (no contact point: a
    public holiday) or for one desk; a desk's own change wins on its date."""

    list_display = ["date", "where", "hours", "reason"]
    list_filter = [("contact_point", admin.EmptyFieldListFilter), "contact_point"]
    date_hierarchy = "date"
    search_fields = ["reason"]
    fields = ["contact_point", "date", "opens", "closes", "reason"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact_point")

    @admin.display(description=_("for"), ordering="contact_point")
    def where(self, change):
        return change.contact_point or _("Every desk")

    @admin.display(description=_("hours"))
    def hours(self, change):
        return change.hours_text


@admin.register(ContactPoint)
class ContactPointAdmin(VersionsAdmin, TranslatedAdmin):
    list_display = ["name", "email", "header", "order"]
    list_editable = ["order"]
    search_fields = ["name", "email", "phone_numbers__number", "notes"]
    inlines = [PhoneNumberInline, OpeningHoursInline, HoursExceptionInline]
    fieldsets = [
        (None, {"fields": ["name", "email", "address", "notes"]}),
        (_("Place"), {"fields": ["order", "in_header", "follows_section_changes"]}),
    ]

    @admin.display(boolean=True, description=_("in the header"), ordering="in_header")
    def header(self, contact_point):
        return contact_point.in_header


@admin.register(Notice)
class NoticeAdmin(ReviewedAdmin, VersionsAdmin, TimesAdmin, TranslatedAdmin):
    list_display = ["title", "level", "starts_at", "ends_at", "current"]
    list_filter = ["level"]
    search_fields = ["title", "text"]
    date_hierarchy = "starts_at"
    fields = ["title", "text", "level", "starts_at", "ends_at"]
    zoned_fields = ["starts_at", "ends_at"]

    @admin.display(boolean=True, description=_("shown now"))
    def current(self, notice):
        return notice.is_current()


@admin_index.register
def notices_panel(request) -> admin_index.Panel | None:
    """The notices shown now and those still to start, soonest first."""
    if not request.user.has_perm("consular.view_notice"):
        return None
    now = timezone.now()
    rows = [
        admin_index.Row(
            notice.title,
            reverse("admin:consular_notice_change", args=[notice.pk]),
            notice.starts_at,
            str(_("running") if notice.starts_at <= now else _("coming")),
        )
        for notice in Notice.objects.not_ended(now).order_by("starts_at", "pk")[:10]
    ]
    return admin_index.Panel(
        title=_("Notices running or coming"), empty=_("No notice is running."), rows=rows
    )


@admin_index.register
def hours_changes_panel(request) -> admin_index.Panel | None:
    """The coming changes to the usual hours, for the section or a desk."""
    if not request.user.has_perm("consular.view_hoursexception"):
        return None
    changes = HoursException.objects.filter(date__gte=timezone.localdate()).select_related(
        "contact_point"
    )
    rows = [
        admin_index.Row(
            f"{change} ({change.reason})",
            reverse("admin:consular_hoursexception_change", args=[change.pk]),
            note=str(change.contact_point or _("Every desk")),
        )
        for change in changes.order_by("date", "pk")[:10]
    ]
    return admin_index.Panel(
        title=_("Coming changes to the hours"), empty=_("No change is coming."), rows=rows
    )
