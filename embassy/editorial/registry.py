"""Which models are reviewed: what they publish goes through a Change (embassy.editorial.models)
and, with REVIEW_REQUIRED, through a second pair of eyes.

Apps register their reviewed models in their AppConfig.ready(), never by being listed here:

    editorial.register(Article, preview=views.preview)

A reviewed model declares the permission `publish_<model name>` (Meta.permissions): the right
to approve and publish its changes. A model with a `status` field (news.models.Publishable) is
live when its stored status is "published"; a model without one (counters, clocks, notices) is
live as soon as it exists: every change to it shows on the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.http import HttpResponse

# Renders the item (unsaved, or with a change applied in memory) through its public view.
# Called as preview(request, item, previewing), `previewing` "change", "new" or "form".
Preview = Callable[..., HttpResponse]
# Whether a user keeps this item (a model whose items belong to an area, like pages): the
# model's publish permission is then needed *and* this.
Keeps = Callable[[Any, models.Model], bool]
# The same for lists: the condition on a Change (its proposed `values`) for the changes of this
# model a user keeps.
KeptBy = Callable[[Any], Q]

PUBLISHED = "published"


@dataclass(frozen=True)
class Reviewed:
    model: type[models.Model]
    preview: Preview | None = None
    keeps: Keeps | None = None
    kept_by: KeptBy | None = None


_reviewed: dict[type[models.Model], Reviewed] = {}


def register(
    model: type[models.Model],
    *,
    preview: Preview | None = None,
    keeps: Keeps | None = None,
    kept_by: KeptBy | None = None,
) -> None:
    codename = publish_codename(model)
    if not any(name == codename for name, _label in model._meta.permissions):
        raise ValueError(f"{model._meta.label} must declare the permission {codename}.")
    if (keeps is None) != (kept_by is None):
        raise ValueError("A model whose items belong to areas says so with keeps and kept_by.")
    _reviewed[model] = Reviewed(model, preview, keeps, kept_by)
    post_delete.connect(
        _deleted, sender=model, dispatch_uid=f"editorial-deleted-{model._meta.label}"
    )


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """A deleted item's open change has nothing left to change: it is withdrawn."""
    from embassy.editorial.models import OPEN_STATES, Change, State

    Change.objects.of_model(sender).filter(object_id=instance.pk, state__in=OPEN_STATES).update(
        state=State.WITHDRAWN
    )


# The request attribute that says which item a staff preview shows, and as what ("change",
# "new", "form"): what every page shows (the header) reads it, to show a previewed clock, day
# counter or notice in its place.
PREVIEWED = "editorial_previewed"


def render_preview(preview: Preview, request: Any, item: models.Model, previewing: str):
    setattr(request, PREVIEWED, (item, previewing))
    return preview(request, item, previewing)


def previewed(request: Any) -> tuple[models.Model, str] | None:
    """The item the request previews and as what, or None for any other request."""
    return getattr(request, PREVIEWED, None)


def is_reviewed(model: type[models.Model]) -> bool:
    return model in _reviewed


def reviewed_models() -> list[type[models.Model]]:
    return list(_reviewed)


def preview_of(model: type[models.Model]) -> Preview | None:
    entry = _reviewed.get(model)
    return entry.preview if entry else None


def changes_kept_by(user: Any, model: type[models.Model]) -> Q:
    """The condition on a Change for the changes of `model` the user keeps: all of them, for
    a model whose items belong to no area."""
    entry = _reviewed.get(model)
    return entry.kept_by(user) if entry is not None and entry.kept_by is not None else Q()


def publish_codename(model: type[models.Model]) -> str:
    return f"publish_{model._meta.model_name}"


def may_publish(user: Any, model: type[models.Model], item: models.Model | None = None) -> bool:
    """Whether the user is one of the model's publishers (approves, publishes, unpublishes),
    for `item` too when given and the model's items belong to areas. A model that is not
    reviewed is published by whoever may change it."""
    opts = model._meta
    entry = _reviewed.get(model)
    if entry is None:
        return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    if not user.has_perm(f"{opts.app_label}.{publish_codename(model)}"):
        return False
    return item is None or entry.keeps is None or entry.keeps(user, item)


def publishes_directly(user: Any, model: type[models.Model]) -> bool:
    """Whether the user's saves go live at once: a publisher, when review is not required;
    anyone who may change a model that is not reviewed."""
    if not is_reviewed(model):
        return True
    return may_publish(user, model) and not settings.REVIEW_REQUIRED


def has_status(model: type[models.Model]) -> bool:
    return any(field.name == "status" for field in model._meta.concrete_fields)


def is_live(obj: models.Model) -> bool:
    """Whether the stored row shows on the site (or will, when its time comes): a published
    item, or any saved row of a model without a status. One query for a model with a status."""
    if obj.pk is None:
        return False
    model = type(obj)
    if not has_status(model):
        return model._default_manager.filter(pk=obj.pk).exists()
    stored = model._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
    return stored == PUBLISHED
