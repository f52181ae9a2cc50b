"""The admin's history of an item: its versions, any two compared, an old one restored.

A ModelAdmin mixes in VersionsAdmin before Django's class (or before any other admin base it
uses): `class ArticleAdmin(VersionsAdmin, admin.ModelAdmin)`. Each of its requests that saves
(the add and change forms, the list's bulk actions and editable columns) makes one revision
with the staff member and the admin's change message (embassy/infrastructure/versions.py).

Its "History" page lists the item's versions, newest first; two of them are compared field
by field, side by side, texts (rich text as the words a reader sees) with what changed marked;
"Restore" writes one back in one step, as a new version. Reading the history needs the view or
change permission on that item, restoring the change permission: staff see and restore the
items of their own area only (embassy/sitewide/roles.py), others get 403.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import reversion
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.revisions import _get_options

from embassy.infrastructure import versions
from embassy.infrastructure.lib.text_diff import (
    Segment,
    SideBySide,
    lines_side_by_side,
    looks_like_html,
    side_by_side,
    visible_text,
)


@dataclass
class FieldComparison:
    label: str
    sides: SideBySide
    changed: bool
    # The rich text differs only in its markup (a word made bold): no word is marked.
    formatting_only: bool = False


@dataclass
class ChildrenComparison:
    label: str
    sides: SideBySide


class VersionsAdmin:
    """Versions in the admin: mixed into a ModelAdmin, before Django's class."""

    object_history_template: Any = "admin/versions/object_history.html"
    compare_template = "admin/versions/compare.html"

    # The admin's own views, each in a revision by the staff member.

    def add_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with self._revision(request):
            return super().add_view(request, *args, **kwargs)  # type: ignore[misc]

    def change_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with self._revision(request):
            return super().change_view(request, *args, **kwargs)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with self._revision(request):
            return super().changelist_view(request, *args, **kwargs)  # type: ignore[misc]

    @staticmethod
    @contextmanager
    def _revision(request: HttpRequest) -> Iterator[None]:
        with reversion.create_revision():
            if request.user.is_authenticated:
                reversion.set_user(request.user)
            yield

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        self._comment(entry.change_message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        self._comment(entry.change_message)
        return entry

    def response_action(
        self, request: HttpRequest, queryset: QuerySet[Any], *args: Any, **kwargs: Any
    ) -> HttpResponse | None:
        """A bulk action's versions say which action made them."""
        names = request.POST.getlist("action")
        index = request.POST.get("index", "0")
        if names and index.isdigit() and int(index) < len(names):
            self._comment(json.dumps([{"action": names[int(index)]}]))
        return super().response_action(request, queryset, *args, **kwargs)  # type: ignore[misc]

    @staticmethod
    def _comment(change_message: str) -> None:
        if reversion.is_active():
            reversion.set_comment(change_message)

    # The history's own pages.

    def get_urls(self) -> list[Any]:
        opts = self.opts  # type: ignore[attr-defined]
        name = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view  # type: ignore[attr-defined]
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def _object(self, request: HttpRequest, object_id: str, *, restore: bool = False) -> Any:
        obj = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
        if obj is None:
            raise Http404
        allowed = (
            self.has_change_permission(request, obj)  # type: ignore[attr-defined]
            if restore
            else self.has_view_or_change_permission(request, obj)  # type: ignore[attr-defined]
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def _context(self, request: HttpRequest, obj: Any, title: str) -> dict[str, Any]:
        opts = self.opts  # type: ignore[attr-defined]
        return {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": capfirst(opts.verbose_name_plural),
            "can_restore": self.has_change_permission(request, obj),  # type: ignore[attr-defined]
            "history_url": self._url("history", obj),
            "kept_days": settings.VERSIONS_KEPT_DAYS,
        }

    def _url(self, view: str, obj: Any, *args: Any) -> str:
        opts = self.opts  # type: ignore[attr-defined]
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}",  # type: ignore[attr-defined]
            args=[quote(obj.pk), *args],
        )

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The item's versions, newest first. Three queries."""
        from reversion.models import Version

        obj = self._object(request, object_id)
        # The actions' names as staff read them, those this reader may not run too.
        actions = {
            name: str(getattr(getattr(self, name, None), "short_description", name))
            for name in self.actions or ()  # type: ignore[attr-defined]
            if isinstance(name, str)
        }
        history = (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("-revision__date_created", "-pk")
        )
        rows = [
            {
                "version": version,
                "description": versions.describe(version.revision.comment, actions),
                "restore_url": self._url("restore", obj, version.pk),
            }
            for version in history
        ]
        context = self._context(request, obj, _("History of “%(object)s”") % {"object": obj})
        context.update(rows=rows, compare_url=self._url("compare", obj), **(extra_context or {}))
        request.current_app = self.admin_site.name  # type: ignore[attr-defined]
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two versions of the item side by side (`?a=<id>&b=<id>`; the older one on the left;
        by default the latest two)."""
        from reversion.models import Version

        obj = self._object(request, object_id)
        history = Version.objects.get_for_object(obj).select_related("revision__user")
        chosen = [value for value in (request.GET.get("a"), request.GET.get("b")) if value]
        if not all(value.isdigit() for value in chosen):
            raise Http404
        if len(chosen) == 2:
            pair = list(history.filter(pk__in=chosen))
            if len(pair) != len(set(chosen)):
                raise Http404
        else:
            pair = list(history.order_by("-pk")[:2])
        if not pair:
            raise Http404
        old, new = min(pair, key=lambda v: v.pk), max(pair, key=lambda v: v.pk)
        # The fields as the admin's form shows them, in its order: a translated field once per
        # language, not the column django-modeltranslation keeps beside them.
        shown = flatten_fieldsets(self.get_fieldsets(request, obj))  # type: ignore[attr-defined]
        fields = compare_fields(type(obj), old, new, shown)
        context = self._context(
            request, obj, _("Compare versions of “%(object)s”") % {"object": obj}
        )
        context.update(
            old=old,
            new=new,
            old_restore_url=self._url("restore", obj, old.pk),
            new_restore_url=self._url("restore", obj, new.pk),
            changed=[row for row in fields if row.changed],
            unchanged=[row for row in fields if not row.changed],
            children=compare_children(type(obj), old, new),
        )
        request.current_app = self.admin_site.name  # type: ignore[attr-defined]
        return TemplateResponse(request, self.compare_template, context)

    def restore_view(self, request: HttpRequest, object_id: str, version_id: int) -> HttpResponse:
        """Writes the version back (a POST from the history or the comparison), logs it, and
        returns to the history, where the restore is the newest version."""
        from reversion.models import Version

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._object(request, object_id, restore=True)
        try:
            version = (
                Version.objects.get_for_object(obj).select_related("revision").get(pk=version_id)
            )
        except Version.DoesNotExist:
            raise Http404 from None
        moment = date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
        try:
            restored = versions.restore(version, user=request.user)
        except ValidationError as error:
            problems = " ".join(str(message) for message in error.messages)
            self.message_user(  # type: ignore[attr-defined]
                request,
                _("The version of %(date)s was not restored: %(problems)s")
                % {"date": moment, "problems": problems},
                messages.ERROR,
            )
            return redirect(self._url("history", obj))
        message = _("Restored the version of %(date)s.") % {"date": moment}
        self.log_change(request, restored.obj, message)
        self.message_user(  # type: ignore[attr-defined]
            request,
            _(
                "“%(object)s” is as it was on %(date)s again. The restore is a new version: "
                "it can be undone here too."
            )
            % {"object": restored.obj, "date": moment},
            messages.SUCCESS,
        )
        for label in restored.kept_files:
            self.message_user(  # type: ignore[attr-defined]
                request,
                _(
                    "The file of “%(field)s” in that version is no longer stored: the current "
                    "one was kept."
                )
                % {"field": label},
                messages.WARNING,
            )
        return redirect(self._url("history", obj))


# --- Comparing two versions ----------------------------------------------------------------


def display(model_field: models.Field[Any, Any], value: Any) -> str:
    """A field's value as the admin shows it."""
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(model_field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if isinstance(model_field, models.TimeField):
        return time_format(value, "TIME_FORMAT")
    if isinstance(model_field, models.FileField):
        return value.name if value else ""
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    return str(value)


def compare_fields(
    model: type[models.Model], old: Any, new: Any, names: list[str] | None = None
) -> list[FieldComparison]:
    """Each editable field of the two versions (those named, in their order; else all): texts
    word by word, others whole."""
    versioned = set(_get_options(model).fields)
    rows = []
    for name in names or [field.name for field in model._meta.concrete_fields]:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a read-only display of the admin's (a thumbnail)
        if (
            not isinstance(model_field, models.Field)
            or not model_field.concrete
            or model_field.primary_key
            or not model_field.editable
            or name not in versioned
        ):
            continue
        before = old.field_dict.get(model_field.attname)
        after = new.field_dict.get(model_field.attname)
        label = capfirst(str(model_field.verbose_name))
        if isinstance(model_field, models.TextField):
            rows.append(_text_comparison(label, before or "", after or ""))
            continue
        shown_before, shown_after = display(model_field, before), display(model_field, after)
        changed = shown_before != shown_after
        sides = SideBySide(
            [Segment("removed" if changed else "same", shown_before)] if shown_before else [],
            [Segment("added" if changed else "same", shown_after)] if shown_after else [],
        )
        rows.append(FieldComparison(label, sides, changed))
    return rows


def _text_comparison(label: str, before: str, after: str) -> FieldComparison:
    if looks_like_html(before) or looks_like_html(after):
        sides = side_by_side(visible_text(before), visible_text(after))
        return FieldComparison(
            label, sides, before != after, formatting_only=before != after and not sides.changed
        )
    sides = side_by_side(before, after)
    return FieldComparison(label, sides, sides.changed)


def compare_children(model: type[models.Model], old: Any, new: Any) -> list[ChildrenComparison]:
    """The followed children of the two versions (a contact point's numbers, hours), line by
    line. One query per relation and version."""
    comparisons = []
    for relation in versions.child_relations(model):
        lines = [
            [str(child._object_version.object) for child in versions.child_versions(v, relation)]
            for v in (old, new)
        ]
        label = capfirst(str(relation.related_model._meta.verbose_name_plural))
        comparisons.append(ChildrenComparison(label, lines_side_by_side(*lines)))
    return comparisons
