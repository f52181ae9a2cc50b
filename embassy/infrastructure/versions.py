"""Versions of the site's content: every save keeps one, with who made it and when.

django-reversion stores them: a *revision* (who, when, why) groups the *versions* (each a copy
of one row) saved together. Apps take part in their AppConfig.ready(), like the cache:

    versions.register_content(self, follow={"contactpoint": ["phone_numbers", ...]})

Every model of the app is then versioned, whichever way it is written:
- in the admin (VersionsAdmin, embassy/infrastructure/versions_admin.py), one revision per
  request, with the staff member and the admin's change message;
- by a management command, one revision per command (or per batch): `made_by_command()`;
- by a plain save() from code or the shell: reversion records only inside a revision, so a
  post_save receiver makes a revision of its own for a save made outside one;
- by the bulk writes of ContentQuerySet (update, bulk_create, bulk_update), which skip save():
  they call `bulk_written()` with the rows they wrote. bulk_create() records the rows whose
  primary keys the database returned (SQLite 3.35+ and PostgreSQL return them all).
`follow` makes one row's version carry its children's (a contact point's numbers and hours),
and a child's its parent's, so a contact point's history shows a change to one of its numbers.

Versions are kept VERSIONS_KEPT_DAYS: older ones are pruned when a revision is saved (at most
once an hour per cache), keeping every object's latest version however old.

`restore()` writes an old version back through the model's own full_clean() and save() (never
reversion's raw revert, which would skip the sanitizing, the pictures and the cache), as a new
revision of its own.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import reversion
from django.apps import AppConfig
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.revisions import _get_options
from reversion.signals import post_revision_commit

logger = logging.getLogger(__name__)

PRUNED_KEY = "embassy:versions-pruned"
PRUNE_EVERY_SECONDS = 3600
# Versions deleted by one pruning at most, so that a save never waits long for it.
PRUNE_BATCH = 2000


# --- Registration ---------------------------------------------------------------------------


def register_content(
    app_config: AppConfig, *, follow: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Every model of the app keeps versions; `follow` maps a model's name (lower case) to the
    relations whose rows go into each of its versions."""
    for model in app_config.get_models():
        register(model, follow=(follow or {}).get(model._meta.model_name or "", ()))


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def register(model: type[models.Model], *, follow: Sequence[str] = ()) -> None:
    if reversion.is_registered(model):
        return
    # A translation's state is bookkeeping about the text, not content: worked out again by
    # save() after a restore, never kept in a version.
    bookkeeping = ("translation_sources", "outdated_translations")
    exclude = tuple(name for name in bookkeeping if _has_field(model, name))
    reversion.register(model, follow=tuple(follow), exclude=exclude)
    post_save.connect(_saved, sender=model, dispatch_uid=f"versions-{model._meta.label}")


def _saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs):
    """A save outside any revision (code, the shell) gets a revision of its own. Inside one,
    reversion's own receiver adds the row. Fixtures (raw, as restore loads a backup) bring
    their versions with them."""
    if raw or reversion.is_active():
        return
    with reversion.create_revision():
        reversion.add_to_revision(instance, model_db=kwargs.get("using"))


def is_versioned(model: type[models.Model]) -> bool:
    return reversion.is_registered(model)


def bulk_written(model: type[models.Model], pks: Iterable[Any], using: str) -> None:
    """Rows written by a bulk write (which skips save()): a version of each as it is now, in
    the revision being made or in one of their own. One query per 1000 rows, then the
    revision's (which names every row in one query)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks or not reversion.is_registered(model):
        return
    with reversion.create_revision():  # or the one being made, if any
        for start in range(0, len(pks), 1000):
            for row in model._base_manager.using(using).filter(pk__in=pks[start : start + 1000]):
                reversion.add_to_revision(row, model_db=using)


@contextmanager
def made_by_command(name: str) -> Iterator[None]:
    """One revision for what a management command saves, saying which command saved it."""
    with reversion.create_revision():
        reversion.set_comment(json.dumps([{"command": name}]))
        yield


# --- What a revision says about itself ------------------------------------------------------


def describe(comment: str, actions: Mapping[str, str] | None = None) -> str:
    """A revision's comment as staff read it, in their language. Comments are stored as data
    (the admin's change messages, or the few kinds below), so each reader gets their own."""
    from django.contrib.admin.models import LogEntry

    if not comment:
        return _("Saved outside the admin (by code or the shell).")
    try:
        messages = json.loads(comment)
    except ValueError:
        return comment
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        first = messages[0]
        if "restored" in first:
            moment = datetime.fromisoformat(first["restored"]["date"])
            return _("Restored the version of %(date)s.") % {"date": _moment(moment)}
        if "published_change" in first:
            change = first["published_change"]
            if change.get("emergency"):
                return _("Published in an emergency by %(reviewer)s, without review.") % change
            return _("Published a change by %(author)s, approved by %(reviewer)s.") % change
        if "command" in first:
            return _("Saved by the command “%(command)s”.") % {"command": first["command"]}
        if "action" in first:
            name = first["action"]
            description = (actions or {}).get(name, name)
            return _("Changed by the action “%(action)s”.") % {"action": description}
    return LogEntry(change_message=comment).get_change_message()


def _moment(moment: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- Retention ------------------------------------------------------------------------------


def prune(now: datetime | None = None) -> int:
    """Delete versions older than VERSIONS_KEPT_DAYS, except each object's latest, and the
    revisions left empty; at most PRUNE_BATCH versions. Returns how many versions went."""
    from reversion.models import Revision, Version

    cutoff = (now or timezone.now()) - timedelta(days=settings.VERSIONS_KEPT_DAYS)
    newer = Version.objects.filter(
        content_type=models.OuterRef("content_type"),
        object_id=models.OuterRef("object_id"),
        db=models.OuterRef("db"),
        pk__gt=models.OuterRef("pk"),
    )
    stale = Version.objects.filter(revision__date_created__lt=cutoff).filter(models.Exists(newer))
    pks = list(stale.order_by().values_list("pk", flat=True)[:PRUNE_BATCH])
    deleted = Version.objects.filter(pk__in=pks).delete()[0] if pks else 0
    Revision.objects.filter(date_created__lt=cutoff, version__isnull=True).delete()
    return deleted


def _prune_when_due(**kwargs: Any) -> None:
    # add() stores the key only when it is absent: one process in an hour prunes.
    if cache.add(PRUNED_KEY, True, timeout=PRUNE_EVERY_SECONDS):
        prune()


post_revision_commit.connect(_prune_when_due, dispatch_uid="versions-prune")


# --- Restoring ------------------------------------------------------------------------------


@dataclass
class Restored:
    """What restore() wrote: the object, and the file fields whose file of that version is no
    longer stored, which kept the current file."""

    obj: models.Model
    kept_files: list[str] = field(default_factory=list)


def restore(version: Any, *, user: Any) -> Restored:
    """Write `version` back over its object, with its followed children (rows added since are
    deleted, rows deleted since come back), through each model's full_clean() and save(), as
    a new revision by `user`. All or nothing: ValidationError when the result is not valid."""
    kept_files: list[str] = []
    comment = [{"restored": {"version": version.pk, "date": version.revision.date_created}}]
    try:
        with transaction.atomic(using=version.db), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(json.dumps(comment, default=datetime.isoformat))
            obj = _restored_row(version, kept_files)
            obj.full_clean()
            obj.save(using=version.db)
            children = _restore_children(obj, version)
            # The children are checked together, as written: each row's checks against its
            # siblings (overlapping hours) must see the others as restored.
            for child in children:
                child.full_clean()
    except IntegrityError as error:
        raise ValidationError(
            _("This version cannot be restored: it conflicts with other saved data.")
        ) from error
    logger.info(
        "%s restored %s %s to its version of %s",
        user,
        obj._meta.label,
        obj.pk,
        version.revision.date_created.isoformat(),
    )
    return Restored(obj, kept_files)


def _restored_row(version: Any, kept_files: list[str]) -> models.Model:
    """The row as it is now with the version's editable fields, or the version's row if it
    no longer exists. Fields that are not editable (creation and update times, records made
    from a file) stay as they are: save() keeps them right. A file no longer in storage (a
    picture replaced since, its files deleted) leaves the current file in place."""
    stored = version._object_version.object
    model = type(stored)
    # The fields the version holds: a column added since (a translation's) keeps its value.
    fields = set(_get_options(model).fields) & set(_stored_fields(version))
    current = model._base_manager.using(version.db).filter(pk=stored.pk).first()
    if current is None:
        return stored
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or not model_field.editable or model_field.name not in fields:
            continue
        value = getattr(stored, model_field.attname)
        if isinstance(model_field, models.FileField):
            name = value.name if value else ""
            if name and not model_field.storage.exists(name):
                kept_files.append(str(model_field.verbose_name))
                continue
            value = name
        setattr(current, model_field.attname, value)
    return current


def _stored_fields(version: Any) -> list[str]:
    if version.format != "json":
        return list(_get_options(version._model).fields)
    return list(json.loads(version.serialized_data)[0]["fields"])


def child_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """The followed one-to-many relations of a model: its children in each version."""
    relations: list[models.ForeignObjectRel] = []
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        if isinstance(relation, models.ManyToOneRel):
            relations.append(relation)
    return relations


def child_versions(version: Any, relation: models.ForeignObjectRel) -> list[Any]:
    """The versions of the object's children in the version's revision. One query."""
    from django.contrib.contenttypes.models import ContentType

    child_model = relation.related_model
    content_type = ContentType.objects.db_manager(version.revision._state.db).get_for_model(
        child_model
    )
    parent_field = relation.field.attname
    return [
        child
        for child in version.revision.version_set.filter(content_type=content_type).order_by("pk")
        if str(child.field_dict.get(parent_field)) == str(version.object_id)
    ]


def _restore_children(obj: models.Model, version: Any) -> list[models.Model]:
    written: list[models.Model] = []
    for relation in child_relations(type(obj)):
        old = child_versions(version, relation)
        kept = {child.object_id for child in old}
        manager = relation.related_model._base_manager.using(version.db)
        for current in manager.filter(**{relation.field.name: obj}):
            if str(current.pk) not in kept:
                current.delete()
        for child in old:
            row = _restored_row(child, [])
            row.save(using=version.db)
            written.append(row)
    return written
