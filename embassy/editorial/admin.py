"""Drafts and review in the admin.

`ReviewedAdmin` is mixed into the ModelAdmin of every reviewed model (before Django's class and
VersionsAdmin): its change form saves what may not go live yet as the item's Change, and shows
the buttons the staff member may use:
- "Save" writes the row: for an item visitors cannot see (a draft article), or for a publisher
  when review is not required;
- "Save as draft" keeps the change to a live item for later, visitors still see the live one;
- "Submit for review" sends it (or a new item) to the publishers;
- "Preview" shows the form's values through the public page before anything is saved.
An item with an open change is edited through it: the form shows the change's values.

The Change admin is the review screen: the live item and the proposal field by field (the
versions' comparison), the preview, and approve / send back / withdraw / emergency publication.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from embassy.editorial import registry
from embassy.editorial.models import Change, State
from embassy.editorial.values import apply_values, values_of
from embassy.infrastructure import admin_index
from embassy.infrastructure.admin_times import AdminSplitDateTime, time_zone_note
from embassy.infrastructure.versions_admin import compare_fields

SAVE, DRAFT, SUBMIT = "save", "draft", "submit"


def no_store(response: HttpResponse) -> HttpResponse:
    """A preview is nobody's to keep: not the browser's, not a proxy's, not the page cache's."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class ReviewedAdmin:
    """Drafts and review for a reviewed model's admin (see the module docstring)."""

    change_form_template: Any = "admin/editorial/change_form.html"
    # Django's ModelAdmin's, for the type checker: this class is mixed in before it.
    model: Any
    admin_site: Any
    opts: Any
    message_user: Any
    has_add_permission: Any
    has_change_permission: Any
    get_form: Any

    # --- What the staff member may do -------------------------------------------------------

    def _direct(self, request: HttpRequest) -> bool:
        return registry.publishes_directly(request.user, self.model)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        """The bulk actions' `permissions=["publish"]`: unpublishing is a publisher's act."""
        return registry.may_publish(request.user, self.model)

    def _route(self, request: HttpRequest, obj: Any, change: bool) -> str:
        """Where a save goes: the row (SAVE), or the item's Change (DRAFT, SUBMIT)."""
        if not registry.is_reviewed(self.model):
            return SAVE  # a model whose app has not registered it: saved as before
        if "_submit" in request.POST:
            return SUBMIT
        if "_save_draft" in request.POST:
            return DRAFT
        pending = change and Change.objects.open_for(obj) is not None
        if pending or (change and registry.is_live(obj)):
            return SAVE if self._direct(request) and not pending else DRAFT
        if not registry.has_status(self.model) and not self._direct(request):
            return DRAFT  # a new counter, clock or notice: it would show at once
        return SAVE

    def _buttons(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        if not registry.is_reviewed(self.model):
            return {}  # Django's own buttons
        pending = Change.objects.open_for(obj) if obj is not None else None
        live = obj is not None and registry.is_live(obj)
        direct = self._direct(request)
        may_save = (
            direct and pending is None
            if (live or pending)
            else (direct or registry.has_status(self.model))
        )
        return {
            "show_save": may_save,
            "show_save_and_continue": may_save,
            "show_save_and_add_another": may_save,
            "editorial_draft": live or pending is not None or not may_save,
            "editorial_submit": True,
            "editorial_change": pending,
            "editorial_preview": registry.preview_of(self.model) is not None,
            "editorial_time_zone": time_zone_note(),
            "editorial_preview_url": reverse(f"{self.admin_site.name}:{self._name()}_preview"),
        }

    def _name(self) -> str:
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}"

    # --- The form ---------------------------------------------------------------------------

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        if registry.has_status(self.model) and not self._direct(request):
            readonly.append("status")  # published by approval only
        return readonly

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        """The item, with its open change's values when it has one: editing it edits the change."""
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is not None and registry.is_reviewed(self.model):
            pending = Change.objects.open_for(obj)
            if pending is not None:
                apply_values(obj, pending.values)
        return obj

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None):
        context = {**self._buttons(request, None), **(extra_context or {})}
        return super().add_view(request, form_url, context)  # type: ignore[misc]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ):
        obj = super().get_object(request, object_id)  # type: ignore[misc]
        context = {**self._buttons(request, obj), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)  # type: ignore[misc]

    # --- Saving -----------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        route = self._route(request, obj, change)
        if route == SAVE:
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            return
        self._keep_new_files(obj)
        if (
            route == SUBMIT
            and registry.has_status(self.model)
            and not (change and (registry.is_live(obj) or Change.objects.open_for(obj)))
        ):
            # A draft item: the row is saved as a draft, its publication is the change.
            obj.status = "draft"
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            obj.status = registry.PUBLISHED
        prepared = Change.prepare(obj, author=request.user)
        if route == SUBMIT:
            try:
                publish_at = self._asked_publication_time(request)
            except ValidationError:
                self.message_user(
                    request,
                    _("The publication time was not understood: the change is kept as a draft."),
                    messages.ERROR,
                )
            else:
                prepared.submit(by=request.user, publish_at=publish_at)
        request._editorial_change = prepared  # type: ignore[attr-defined]

    @staticmethod
    def _asked_publication_time(request: HttpRequest) -> Any:
        """The optional time a change to a live item is to be published at (the submit row's
        date-and-time input, in the host city's time): None for "once approved"."""
        value = request.POST.get("_publish_at", "").strip()
        return forms.DateTimeField(required=False).clean(value) if value else None

    @staticmethod
    def _keep_new_files(obj: Any) -> None:
        """A new picture chosen in the form is stored now (the model's keep_new_files()), so
        the change carries it: the live row keeps its own until the change is published."""
        keep = getattr(obj, "keep_new_files", None)
        if keep is not None:
            keep()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if getattr(request, "_editorial_change", None) is None or form.instance.pk is not None:
            super().save_related(request, form, formsets, change)  # type: ignore[misc]

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, "_editorial_change", None) is not None and obj.pk is None:
            return None  # nothing was added yet: the change records it
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        prepared = getattr(request, "_editorial_change", None)
        if prepared is not None:
            return prepared.log(request.user, _("Prepared a change (not published)."))
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def response_add(self, request: HttpRequest, obj: Any, *args: Any) -> HttpResponse:
        prepared = getattr(request, "_editorial_change", None)
        if prepared is not None:
            return self._to_change(request, prepared)
        return super().response_add(request, obj, *args)  # type: ignore[misc]

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        prepared = getattr(request, "_editorial_change", None)
        if prepared is not None:
            return self._to_change(request, prepared)
        return super().response_change(request, obj)  # type: ignore[misc]

    def _to_change(self, request: HttpRequest, prepared: Change) -> HttpResponse:
        if prepared.state == State.SUBMITTED:
            text = _("“%(item)s” is submitted for review: a publisher will look at it.")
        else:
            text = _("“%(item)s” is saved as a draft: visitors do not see it.")
        self.message_user(request, text % {"item": prepared.title}, messages.SUCCESS)
        return redirect(reverse("admin:editorial_change_change", args=[prepared.pk]))

    # --- The list's editable columns and the bulk publication -------------------------------

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)  # type: ignore[misc]
        if not self._direct(request):
            changelist.list_editable = ()  # each row's change goes through review
        return changelist

    def submit_for_publication(self, request: HttpRequest, items: list[Any]) -> list[Change]:
        """The bulk "publish" of those who may not publish directly: each draft item without a
        change is submitted for its publication."""
        submitted = []
        for item in items:
            if Change.objects.open_for(item) is not None:
                continue
            item.status = registry.PUBLISHED
            prepared = Change.prepare(item, author=request.user)
            prepared.submit(by=request.user)
            submitted.append(prepared)
        return submitted

    # --- The preview of the form's values ---------------------------------------------------

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path("preview/", view(self.form_preview_view), name=f"{self._name()}_preview"),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def form_preview_view(self, request: HttpRequest) -> HttpResponse:
        """The add or change form's values as the public page (posted by the form's Preview
        button): built in memory, nothing saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        preview = registry.preview_of(self.model)
        object_id = request.POST.get("_preview_object", "")
        obj = self.get_object(request, object_id) if object_id else None
        allowed = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        if preview is None or not allowed:
            raise PermissionDenied
        form_class = self.get_form(request, obj, change=obj is not None)
        form = form_class(request.POST, instance=obj)
        if not form.is_valid():
            return no_store(
                TemplateResponse(
                    request,
                    "admin/editorial/preview_errors.html",
                    {
                        **self.admin_site.each_context(request),
                        "title": _("The preview cannot be shown"),
                        "form": form,
                    },
                )
            )
        item = form.save(commit=False)
        if getattr(item, "image", None) and not item.image._committed:
            item.image = obj.image if obj is not None else ""
        return no_store(registry.render_preview(preview, request, item, "form"))


# --- The review screen --------------------------------------------------------------------


def may_see(user: Any, change: Change) -> bool:
    """The model's publishers (of the item's area, for a model with areas), and the change's
    author."""
    return change.author_id == user.pk or registry.may_publish(user, change.model, change.proposal)


def published_changes(user: Any) -> Q | None:
    """The condition for the changes the user publishes: of the models they publish, of their
    areas for a model whose items belong to areas. None when they publish nothing. No query
    (the content types are cached)."""
    condition = None
    for model in registry.reviewed_models():
        if registry.may_publish(user, model):
            kind = Q(content_type=ContentType.objects.get_for_model(model))
            kind &= registry.changes_kept_by(user, model)
            condition = kind if condition is None else condition | kind
    return condition


def visible_changes(user: Any) -> Any:
    """The changes a staff member may see: their own, and those they publish."""
    condition = Q(author_id=user.pk)
    published = published_changes(user)
    return Change.objects.filter(condition if published is None else condition | published)


def prepares_changes(user: Any) -> bool:
    """Whether the user edits a reviewed model (and so prepares changes)."""
    return any(
        user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}")
        for m in registry.reviewed_models()
    )


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    publish_at = forms.SplitDateTimeField(
        label=gettext_lazy("Publish at"), required=False, widget=AdminSplitDateTime
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["publish_at"]
        field.help_text = " ".join(
            [_("Empty: now (or at the time asked for on submission)."), time_zone_note()]
        )
        # Django's label names the first input only; each input says what it is for.
        date_input, time_input = field.widget.widgets
        date_input.attrs["aria-label"] = _("Publish at: date")
        time_input.attrs["aria-label"] = _("Publish at: time")


class ReasonForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """The list of prepared changes and the review screen of each."""

    list_display = ["title", "kind", "state", "author", "updated_at", "publish_at"]
    list_filter = ["state"]
    list_select_related = ["author", "content_type"]
    # Never shown: the review screen replaces the change form.
    fields = ["state"]

    class Media:
        # Links told from the text around them by more than colour (WCAG 1.4.1).
        css = {"all": ["editorial/admin.css"]}

    @admin.display(description=gettext_lazy("item"))
    def title(self, change: Change) -> str:
        return change.title

    @admin.display(description=gettext_lazy("kind of item"))
    def kind(self, change: Change) -> str:
        return str(change.model._meta.verbose_name)

    def get_queryset(self, request: HttpRequest):
        return visible_changes(request.user).select_related("author", "reviewed_by", "content_type")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return may_see(request.user, obj)
        return prepares_changes(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="editorial_change_preview"),
            path("<int:pk>/decide/", view(self.decide_view), name="editorial_change_decide"),
            *super().get_urls(),
        ]

    def _change(self, request: HttpRequest, pk: Any) -> Change:
        change = Change.objects.select_related("author", "reviewed_by").filter(pk=pk).first()
        if change is None:
            raise Http404
        if not may_see(request.user, change):
            raise PermissionDenied
        return change

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ):
        """The review screen. Queries: the change, the live item, the content type (cached)."""
        if not str(object_id).isdigit():
            raise Http404
        change = self._change(request, object_id)
        return self._review(request, change, {})

    def _review(self, request: HttpRequest, change: Change, bound: dict[str, Any]):
        user = request.user
        model = change.model
        item = change.item
        model_admin = self.admin_site._registry.get(model)
        fields = (
            flatten_fieldsets(model_admin.get_fieldsets(request, item))
            if model_admin is not None
            else None
        )
        # The live item as it is now (a new item: nothing), in the shape compare_fields() reads.
        old = SimpleNamespace(field_dict=_field_dict(values_of(item), model) if item else {})
        new = SimpleNamespace(field_dict=_field_dict(change.values, model))
        rows = compare_fields(model, old, new, fields)
        opts = model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review of “%(item)s”") % {"item": change.title},
            "subtitle": None,
            "opts": self.opts,
            "change": change,
            "item": item,
            "item_url": (
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
                if item is not None
                else ""
            ),
            "item_kind": opts.verbose_name,
            "changed": [row for row in rows if row.changed],
            "unchanged": [row for row in rows if not row.changed],
            "is_stale": change.is_open and change.is_stale,
            "preview_url": (
                reverse("admin:editorial_change_preview", args=[change.pk])
                if registry.preview_of(model) is not None and change.is_open
                else ""
            ),
            "decide_url": reverse("admin:editorial_change_decide", args=[change.pk]),
            "may_review": change.state == State.SUBMITTED and change.may_review(user),
            "may_submit": change.state in (State.DRAFT, State.SENT_BACK)
            and change.author_id == user.pk,
            "may_withdraw": change.is_open
            and (change.author_id == user.pk or registry.may_publish(user, model, change.proposal)),
            "may_publish_in_emergency": change.is_open and user.is_superuser,
            "is_own": change.author_id == user.pk,
            "approve_form": bound.get("approve") or ApproveForm(prefix="approve"),
            "send_back_form": bound.get("send_back") or ReasonForm(prefix="send_back"),
            "emergency_form": bound.get("emergency") or ReasonForm(prefix="emergency"),
            "review_required": settings.REVIEW_REQUIRED,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/review.html", context)

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The review screen's forms: approve, send back, submit, withdraw, emergency."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        change = self._change(request, pk)
        user = request.user
        decision = request.POST.get("decision", "")
        try:
            if decision == "approve":
                approve = ApproveForm(request.POST, prefix="approve")
                if not approve.is_valid():
                    return self._review(request, change, {"approve": approve})
                change.approve(
                    by=user,
                    note=approve.cleaned_data["note"],
                    publish_at=approve.cleaned_data["publish_at"],
                )
                done = (
                    _("Approved: “%(item)s” is published.")
                    if change.state == State.PUBLISHED
                    else _("Approved: “%(item)s” will be published at its time.")
                )
            elif decision in ("send_back", "emergency"):
                reason = ReasonForm(request.POST, prefix=decision)
                if not reason.is_valid():
                    return self._review(request, change, {decision: reason})
                if decision == "send_back":
                    change.send_back(by=user, note=reason.cleaned_data["note"])
                    done = _("“%(item)s” is sent back to its author.")
                else:
                    change.publish_in_emergency(by=user, reason=reason.cleaned_data["note"])
                    done = _("“%(item)s” is published in an emergency, without review.")
            elif decision == "submit":
                change.submit(by=user)
                done = _("“%(item)s” is submitted for review: a publisher will look at it.")
            elif decision == "withdraw":
                change.withdraw(by=user)
                done = _("The change to “%(item)s” is withdrawn.")
            else:
                raise Http404
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(reverse("admin:editorial_change_change", args=[change.pk]))
        except LookupError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(reverse("admin:editorial_change_change", args=[change.pk]))
        self.message_user(request, done % {"item": change.title}, messages.SUCCESS)
        return redirect(reverse("admin:editorial_change_change", args=[change.pk]))

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The item with the change applied in memory, through its public page. Writes nothing;
        never stored by any cache."""
        change = self._change(request, pk)
        preview = registry.preview_of(change.model)
        if preview is None:
            raise Http404
        try:
            item = change.proposed()
        except LookupError:
            raise Http404 from None
        previewing = "change" if change.item and registry.is_live(change.item) else "new"
        return no_store(registry.render_preview(preview, request, item, previewing))


def _field_dict(values: dict[str, Any], model: Any) -> dict[str, Any]:
    """Serialized values read back as their fields' Python values, for compare_fields()."""
    obj = apply_values(model(), values)
    return {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}


# --- The admin index's panels ------------------------------------------------------------

PANEL_SIZE = 8


def _rows(changes) -> list[admin_index.Row]:
    return [
        admin_index.Row(
            change.title,
            reverse("admin:editorial_change_change", args=[change.pk]),
            change.submitted_at or change.updated_at,
            str(change.model._meta.verbose_name),
        )
        for change in changes[:PANEL_SIZE]
    ]


@admin_index.register
def waiting_for_review_panel(request: HttpRequest) -> admin_index.Panel | None:
    """Publishers: what waits for them, in the models they publish (their own too, which
    another publisher approves)."""
    published = published_changes(request.user)
    if published is None:
        return None
    waiting = (
        Change.objects.filter(published, state=State.SUBMITTED)
        .select_related("content_type")
        .order_by("submitted_at", "pk")[:PANEL_SIZE]
    )
    return admin_index.Panel(
        title=gettext_lazy("Waiting for review"),
        empty=gettext_lazy("Nothing is waiting for review."),
        rows=_rows(waiting),
    )


@admin_index.register
def sent_back_panel(request: HttpRequest) -> admin_index.Panel | None:
    if not prepares_changes(request.user):
        return None
    sent_back = Change.objects.filter(author_id=request.user.pk, state=State.SENT_BACK)
    return admin_index.Panel(
        title=gettext_lazy("Sent back to you"),
        empty=gettext_lazy("Nothing was sent back to you."),
        rows=_rows(sent_back.select_related("content_type")),
    )


@admin_index.register
def own_drafts_panel(request: HttpRequest) -> admin_index.Panel | None:
    if not prepares_changes(request.user):
        return None
    drafts = Change.objects.filter(
        author_id=request.user.pk, state__in=[State.DRAFT, State.SUBMITTED]
    )
    return admin_index.Panel(
        title=gettext_lazy("Your prepared changes"),
        empty=gettext_lazy("You have no prepared change."),
        rows=_rows(drafts.select_related("content_type")),
    )
