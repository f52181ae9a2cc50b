"""A prepared change to one item of a reviewed model, not public until it is applied.

A Change keeps the values proposed for the item (every editable column, every language's;
embassy.editorial.values), who prepared it and its review: submitted, sent back with a reason,
approved (to be applied now or at `publish_at`), published, or withdrawn. The live row is not
touched until apply(), so no public output (pages, lists, feeds, search, sitemap, the page and
edge caches) can show it before then. A change with no object is a new item proposed by an
editor of a model without a status (a counter, a clock, a notice): applying it creates the row.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import reversion
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from embassy.editorial import registry
from embassy.editorial.values import apply_values, values_of
from embassy.infrastructure import caching

logger = logging.getLogger(__name__)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    SENT_BACK = "sent_back", _("Sent back")
    APPROVED = "approved", _("Approved, scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Changes still to be decided or applied: at most one per item.
OPEN_STATES = [State.DRAFT, State.SUBMITTED, State.SENT_BACK, State.APPROVED]


class ChangeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def of_model(self, model: type[models.Model]):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def open_for(self, obj: models.Model) -> Change | None:
        """The item's open change, or None. One query (the content type is cached)."""
        if obj.pk is None:
            return None
        return self.of_model(type(obj)).open().filter(object_id=obj.pk).first()

    def first_due(self) -> datetime | None:
        """The publication time of the first approved change still to be applied (past ones
        too: they are due). One query (editorial_due_idx)."""
        return (
            self.filter(state=State.APPROVED)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def apply_due(self, now: datetime | None = None) -> list[Change]:
        """Applies every approved change whose time has come, each exactly once: its row is
        locked (PostgreSQL: another worker skips it) and read again before it is applied."""
        now = now or timezone.now()
        applied = []
        for pk in self.filter(state=State.APPROVED, publish_at__lte=now).values_list(
            "pk", flat=True
        ):
            with transaction.atomic():
                locked = self.filter(pk=pk, state=State.APPROVED, publish_at__lte=now)
                if connection.features.has_select_for_update_skip_locked:
                    locked = locked.select_for_update(skip_locked=True)
                change: Change | None = locked.first()  # type: ignore[assignment]
                if change is None:
                    continue  # applied, or being applied, by another process
                try:
                    change.apply(by=change.reviewed_by)
                except (ValidationError, LookupError, IntegrityError) as error:
                    change.fail(error)
                    continue
                applied.append(change)
        return applied


class Change(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of item")
    )
    # None for a new item of a model without a status, created when the change is applied.
    object_id = models.PositiveBigIntegerField(_("item"), null=True, blank=True)
    values = models.JSONField(_("proposed values"), encoder=DjangoJSONEncoder)
    # The item's values when the change was prepared: a change made since shows.
    base = models.JSONField(_("values when prepared"), encoder=DjangoJSONEncoder, default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="authored_changes",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Empty: published as soon as it is approved."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_changes",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    applied_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_emergency = models.BooleanField(_("emergency publication"), default=False)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=OPEN_STATES, object_id__isnull=False),
                name="editorial_one_open_change_per_item",
                violation_error_message=_("This item already has a change being prepared."),
            )
        ]
        indexes = [
            # The admin index's panels: open changes by state, newest first.
            models.Index(fields=["state", "-updated_at"], name="editorial_state_idx"),
            # The scheduled changes' middleware: the first approved change to apply.
            models.Index(fields=["state", "publish_at"], name="editorial_due_idx"),
        ]

    def __str__(self):
        return str(self.title)

    # --- The item ---------------------------------------------------------------------------

    @property
    def model(self) -> type[models.Model]:
        model = self.content_type.model_class()
        if model is None:
            raise LookupError(f"No model for {self.content_type}")
        return model

    @property
    def item(self) -> models.Model | None:
        """The live row (one query), or None for a new item (or one deleted since)."""
        if self.object_id is None:
            return None
        return self.model._default_manager.filter(pk=self.object_id).first()

    @property
    def proposal(self) -> models.Model:
        """The proposed values on a bare instance of the model, for what they say by themselves
        (a name, an area). No query."""
        return apply_values(self.model(), self.values)

    @property
    def title(self) -> str:
        """The proposed item's name, as its __str__ says it. No query."""
        return str(self.proposal)

    def proposed(self, *, for_update: bool = False) -> models.Model:
        """The item with the proposed values, in memory: the live row (read again, and locked
        with `for_update`) with them set, or a new instance. Saves nothing. One query."""
        model = self.model
        if self.object_id is None:
            return apply_values(model(), self.values)
        rows = model._default_manager.all()
        if for_update:
            rows = rows.select_for_update()
        found = rows.filter(pk=self.object_id).first()
        if found is None:
            raise LookupError(gettext("The item of this change has been deleted."))
        return apply_values(found, self.values)

    @property
    def is_new_item(self) -> bool:
        return self.object_id is None

    @property
    def is_stale(self) -> bool:
        """Whether the live item was changed after this change was prepared (one query)."""
        item = self.item
        return item is not None and bool(self.base) and values_of(item) != self.base

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    # --- Preparing --------------------------------------------------------------------------

    @classmethod
    def prepare(cls, obj: models.Model, *, author: Any) -> Change:
        """Keeps `obj`'s values (an item edited in a form, not saved) as the item's open change,
        made if it has none; a change being reviewed goes back to being a draft, to be
        submitted again. The live row is not written."""
        change = cls.objects.open_for(obj) if obj.pk is not None else None
        if change is None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
            change = cls(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                base=values_of(stored) if stored is not None else {},
            )
        change.values = values_of(obj)
        change.author = author
        change.state = State.DRAFT
        change.submitted_at = change.reviewed_by = change.reviewed_at = None
        change.save()
        return change

    def submit(self, *, by: Any, publish_at: datetime | None = None) -> None:
        if self.state not in (State.DRAFT, State.SENT_BACK):
            raise ValidationError(gettext("Only a draft can be submitted for review."))
        if self.author_id != by.pk:
            raise PermissionDenied
        self.state = State.SUBMITTED
        self.submitted_at = timezone.now()
        self.publish_at = publish_at
        self.save()
        self.log(by, gettext("Submitted for review."))

    def withdraw(self, *, by: Any) -> None:
        if not self.is_open:
            raise ValidationError(gettext("This change is no longer open."))
        if self.author_id != by.pk and not registry.may_publish(by, self.model, self.proposal):
            raise PermissionDenied
        self.state = State.WITHDRAWN
        self.save()
        self.log(by, gettext("Withdrew the prepared change."))

    # --- Review -----------------------------------------------------------------------------

    def may_review(self, user: Any) -> bool:
        """Four eyes: a publisher of the model who did not prepare the change (any publisher
        of it when review is not required: they publish directly anyway)."""
        if not registry.may_publish(user, self.model, self.proposal):
            return False
        return self.author_id != user.pk or not settings.REVIEW_REQUIRED

    def approve(self, *, by: Any, note: str = "", publish_at: datetime | None = None) -> None:
        """Approves the change: published now, or at its publication time (`publish_at`, else
        the one asked for on submission) if that is still to come."""
        if self.state != State.SUBMITTED:
            raise ValidationError(gettext("Only a change waiting for review can be approved."))
        if not self.may_review(by):
            raise PermissionDenied
        self.reviewed_by, self.reviewed_at = by, timezone.now()
        self.decision_note = note
        if publish_at is not None:
            self.publish_at = publish_at
        if self.publish_at is not None and self.publish_at > timezone.now():
            self.state = State.APPROVED
            self.save()
            self.log(by, self._decision(gettext("Approved, to be published on %(when)s.")))
            # The pages now change by themselves at that moment (caching.next_change).
            caching.content_changed()
            return
        self.apply(by=by)

    def send_back(self, *, by: Any, note: str) -> None:
        if self.state not in (State.SUBMITTED, State.APPROVED):
            raise ValidationError(gettext("Only a change waiting for review can be sent back."))
        if not self.may_review(by):
            raise PermissionDenied
        if not note.strip():
            raise ValidationError(gettext("Say why the change is sent back."))
        self.state = State.SENT_BACK
        self.reviewed_by, self.reviewed_at, self.decision_note = by, timezone.now(), note
        self.save()
        self.log(by, gettext("Sent back: %(note)s") % {"note": note})

    def publish_in_emergency(self, *, by: Any, reason: str) -> models.Model:
        """A superuser's publication without review, with the reason it could not wait."""
        if not by.is_superuser:
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError(gettext("Say why this cannot wait for review."))
        if not self.is_open:
            raise ValidationError(gettext("This change is no longer open."))
        self.is_emergency = True
        self.reviewed_by, self.reviewed_at, self.decision_note = by, timezone.now(), reason
        return self.apply(by=by)

    # --- Publishing -------------------------------------------------------------------------

    def apply(self, *, by: Any) -> models.Model:
        """Writes the proposed values onto the live row (or creates it) through full_clean()
        and save(): the body is sanitized, an address change leaves a redirect, a version is
        kept saying who approved, the cached pages are replaced. All or nothing."""
        with transaction.atomic(), reversion.create_revision():
            if by is not None:
                reversion.set_user(by)
            reversion.set_comment(json.dumps([{"published_change": self._summary()}]))
            obj = self.proposed(for_update=True)
            obj.full_clean()
            obj.save()
            created = self.object_id is None
            self.object_id = obj.pk
            self.state = State.PUBLISHED
            self.applied_at = timezone.now()
            self.save()
            if self.is_emergency:
                message = gettext("Published in an emergency, without review: %(note)s") % {
                    "note": self.decision_note
                }
            else:
                message = self._decision(gettext("Published the change approved on %(when)s."))
            self.log(by, message, obj=obj, flag=ADDITION if created else CHANGE)
        logger.info("%s published change %s to %s %s", by, self.pk, obj._meta.label, obj.pk)
        return obj

    def fail(self, error: Exception) -> None:
        """A scheduled change that could not be applied goes back to its author."""
        messages = getattr(error, "messages", [str(error)])
        self.state = State.SENT_BACK
        self.decision_note = gettext("It could not be published: %(problems)s") % {
            "problems": " ".join(str(message) for message in messages)
        }
        self.save()

    def _summary(self) -> dict[str, Any]:
        return {
            "change": self.pk,
            "author": self.author.get_username() if self.author else "",
            "reviewer": self.reviewed_by.get_username() if self.reviewed_by else "",
            "emergency": self.is_emergency,
        }

    def _decision(self, template: str) -> str:
        from django.utils.formats import date_format

        when = self.publish_at if self.state == State.APPROVED else self.reviewed_at
        text = template % {
            "when": date_format(timezone.localtime(when), "DATETIME_FORMAT") if when else ""
        }
        who = self.reviewed_by.get_username() if self.reviewed_by else ""
        text = f"{text} {gettext('Reviewer: %(who)s.') % {'who': who}}" if who else text
        return f"{text} {self.decision_note}".strip()

    def log(self, user: Any, message: str, *, obj: models.Model | None = None, flag=CHANGE):
        """The item's admin history says what happened to its change."""
        target = obj or self.item
        if user is None or target is None:
            return
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[target],
            action_flag=flag,
            change_message=message,
            single_object=True,
        )
