"""The press office's admin for articles and events.

Lists show whether an item is visible now, scheduled or a draft; the bulk actions publish and
unpublish and are recorded in each item's history like any other change.
"""

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from embassy.editorial import registry
from embassy.editorial.admin import ReviewedAdmin
from embassy.infrastructure import admin_index
from embassy.infrastructure.admin_languages import TranslatedAdmin
from embassy.infrastructure.admin_times import TimesAdmin
from embassy.infrastructure.versions_admin import VersionsAdmin
from news import pictures
from news.models import Article, Event, Status

if TYPE_CHECKING:
    from django_stubs_ext import FieldOpts, StrOrPromise


class VisibilityFilter(admin.SimpleListFilter):
    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [
            ("visible", _("Visible now")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Status.PUBLISHED)
        match self.value():
            case "visible":
                return queryset.filter(published, published_at__lte=now)
            case "scheduled":
                return queryset.filter(published, published_at__gt=now)
            case "draft":
                return queryset.filter(status=Status.DRAFT)
        return queryset


class PublishableForm(forms.ModelForm):
    """A browser cannot keep a file chosen in a form that comes back with errors: the picture
    field then says so, instead of leaving staff to find out after the next save."""

    def full_clean(self):
        super().full_clean()
        if self.errors and self.files.get(self.add_prefix("image")) and "image" not in self.errors:
            self.add_error(
                "image",
                _(
                    "Choose the picture again: it was not kept, because of the errors in this "
                    "form. Correct them, then choose the picture and save."
                ),
            )


class PublishableAdmin(ReviewedAdmin, VersionsAdmin, TimesAdmin, TranslatedAdmin):
    """What the article and event admins share: columns, filters, actions, time-zone help
    (TimesAdmin), drafts and review (ReviewedAdmin)."""

    form = PublishableForm
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish", "unpublish"]
    save_on_top = True
    zoned_fields = ["published_at"]
    readonly_fields = ["current_picture"]

    class Media:
        # The body editor's layout and the thumbnails' size (no inline style: CSP).
        css = {"all": ["news/admin-editor.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            # A source link typed without a scheme is an https:// one (Django 6's default).
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @staticmethod
    def _thumbnail(item) -> str:
        """The smallest rendition as an <img> with the item's alt text, or "". No query: the
        renditions are recorded on the row."""
        thumbnail = pictures.thumbnail_of(item.image_renditions, item.image.storage)
        if thumbnail is None:
            return ""
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumbnail">',
            thumbnail.src,
            item.image_alt,
            thumbnail.width,
            thumbnail.height,
        )

    @admin.display(description=_("picture"))
    def thumbnail(self, item):
        return self._thumbnail(item)

    @admin.display(description=_("current picture"))
    def current_picture(self, item):
        return self._thumbnail(item) or _("No picture yet.")

    @admin.display(description=_("visible now"), boolean=True)
    def visible_now(self, item):
        return item.is_public

    @admin.display(description=_("status"), ordering="status")
    def publication(self, item):
        if item.status == Status.DRAFT:
            return _("Draft")
        if item.is_scheduled:
            when = date_format(timezone.localtime(item.published_at), "DATETIME_FORMAT")
            return _("Scheduled for %(when)s") % {"when": when}
        return _("Published")

    def _set_status(self, request, queryset, status):
        """One status for the selected items; each changed item gets a history entry."""
        changed = list(queryset.exclude(status=status))
        if changed:
            queryset.model.objects.filter(pk__in=[item.pk for item in changed]).update(
                status=status, updated_at=timezone.now()
            )
            status_name = str(queryset.model._meta.get_field("status").verbose_name)
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=changed,
                action_flag=CHANGE,
                change_message=[{"changed": {"fields": [status_name]}}],
            )
        return changed

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        """Publishers publish directly when review is not required; otherwise each selected
        draft is submitted for review, as its form's "Submit for review" would."""
        if not registry.publishes_directly(request.user, self.model):
            submitted = self.submit_for_publication(
                request, list(queryset.filter(status=Status.DRAFT))
            )
            self.message_user(
                request,
                ngettext(
                    "%(count)d item submitted for review: it is published once approved.",
                    "%(count)d items submitted for review: they are published once approved.",
                    len(submitted),
                )
                % {"count": len(submitted)},
                messages.SUCCESS,
            )
            return
        changed = self._set_status(request, queryset, Status.PUBLISHED)
        now = timezone.now()
        scheduled = sum(item.published_at > now for item in changed)
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them has a publication time in the future: it appears then.",
                    "%(count)d of them have a publication time in the future: they appear then.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.WARNING,
            )

    @admin.action(description=_("Unpublish the selected items"), permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = self._set_status(request, queryset, Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d item unpublished: it is a draft again.",
                "%(count)d items unpublished: they are drafts again.",
                len(changed),
            )
            % {"count": len(changed)},
            messages.SUCCESS,
        )


PICTURE_FIELDSET: "tuple[StrOrPromise, FieldOpts]" = (
    _("Picture"),
    {
        "fields": [("image", "current_picture"), "image_alt", "image_caption"],
        "description": format_lazy(
            _(
                "A JPEG, PNG or WebP file of at most {size}. It is stored without its camera and "
                "location data, in sizes for phones and large screens."
            ),
            size=lazy(lambda: filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES), str)(),
        ),
    },
)


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = [
        "thumbnail",
        "title",
        "kind",
        "publication",
        "visible_now",
        "published_at",
        "is_featured",
    ]
    list_display_links = ["title"]
    list_filter = [VisibilityFilter, "status", "kind", "is_featured", "published_at"]
    search_fields = ["title", "lead", "body", "slug"]
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug"]}),
        (_("Text"), {"fields": ["lead", "body", "source_url"]}),
        PICTURE_FIELDSET,
        (_("Publication"), {"fields": ["status", "published_at", "is_featured"]}),
        (
            _("Delivered"),
            {
                "fields": ["delivered_on", "delivered_at"],
                "description": _(
                    "Only when a speech or interview was given on another day or elsewhere."
                ),
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_featured_in_vain:
            messages.warning(
                request,
                _(
                    "“%(title)s” is marked as featured, but only a speech, an interview or an "
                    "article is featured on the home page."
                )
                % {"title": obj.title},
            )


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = [
        "thumbnail",
        "title",
        "starts_on",
        "place",
        "publication",
        "visible_now",
        "published_at",
    ]
    list_display_links = ["title"]
    list_filter = [VisibilityFilter, "status", "starts_on", "published_at"]
    search_fields = ["title", "teaser", "body", "place", "slug"]
    date_hierarchy = "starts_on"
    # The event's times are in its own zone (time_zone), said by their help text.
    zoned_fields = ["published_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug"]}),
        (
            _("When and where"),
            {"fields": ["starts_on", "starts_at", "ends_on", "ends_at", "time_zone", "place"]},
        ),
        (_("Text"), {"fields": ["teaser", "body", "source_url"]}),
        PICTURE_FIELDSET,
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]


PANEL_SIZE = 5


def newsroom_rows(request, condition, order: str) -> list[admin_index.Row]:
    """The articles and events the user may see that meet `condition`, merged in `order`."""
    rows = []
    for model in (Article, Event):
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        for item in model.objects.filter(condition).order_by(order)[:PANEL_SIZE]:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
            moment = item.published_at if order.lstrip("-") == "published_at" else item.updated_at
            rows.append((moment, admin_index.Row(str(item), url, moment, str(opts.verbose_name))))
    rows.sort(key=lambda pair: pair[0], reverse=order.startswith("-"))
    return [row for _moment, row in rows[:PANEL_SIZE]]


@admin_index.register
def scheduled_panel(request) -> admin_index.Panel | None:
    if not request.user.has_module_perms("news"):
        return None
    scheduled = Q(status=Status.PUBLISHED, published_at__gt=timezone.now())
    return admin_index.Panel(
        title=_("Scheduled next"),
        empty=_("Nothing is scheduled."),
        rows=newsroom_rows(request, scheduled, "published_at"),
    )


@admin_index.register
def drafts_panel(request) -> admin_index.Panel | None:
    if not request.user.has_module_perms("news"):
        return None
    return admin_index.Panel(
        title=_("Drafts, last changed first"),
        empty=_("No draft is waiting."),
        rows=newsroom_rows(request, Q(status=Status.DRAFT), "-updated_at"),
    )
