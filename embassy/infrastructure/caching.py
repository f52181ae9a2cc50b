"""The site's one cache mechanism: what the public pages show, kept until it changes.

Everything the public pages cache is stored with the site's *content version*: whole pages
(embassy.infrastructure.page_cache), the header's rows, remembered counts, and the next moment
something changes by itself. One path makes them all out of date: `content_changed()`, which
replaces the version in the shared cache, so every process sees it at once.

Apps take part in their AppConfig.ready(), never by being listed here or anywhere else:

    caching.register_content(self, next_change=moments.next_change)

- Every model of the app counts as content: its saves and deletes call content_changed()
  (post_save, post_delete), and its default manager must build a ContentQuerySet, whose bulk
  writes (update, bulk_create, bulk_update) call it too. Registration refuses a model whose
  manager would let a bulk write miss the cache (ImproperlyConfigured at start-up).
- `next_change(now)`, if given, returns the first moment after `now` at which the app's pages
  change without any save (a scheduled publication, a notice's start, a desk opening), or
  None. Stored pages and remembered values expire then.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from django.apps import AppConfig
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone, translation

from embassy.infrastructure import redis_cache, versions

VERSION_KEY = "embassy:content-version"
MOMENT_KEY_PREFIX = "embassy:next-change"
REMEMBERED_KEY_PREFIX = "embassy:derived"
# What a stored "nothing is due" looks like (the cache can't tell a stored None from a miss).
NOTHING_DUE = "none"

T = TypeVar("T")
NextChange = Callable[[datetime], datetime | None]

_content_models: list[type[models.Model]] = []
_next_change_functions: list[NextChange] = []


# --- Registration ---------------------------------------------------------------------------


def register_content(app_config: AppConfig, *, next_change: NextChange | None = None) -> None:
    """Every model of the app is content the public pages show (see the module docstring)."""
    for model in app_config.get_models():
        register_model(model)
    if next_change is not None:
        register_next_change(next_change)


def register_next_change(next_change: NextChange) -> None:
    """A moment at which the pages change by themselves that no content model of the app
    holds (an approved change's publication time, embassy.editorial)."""
    if next_change not in _next_change_functions:
        _next_change_functions.append(next_change)


def register_model(model: type[models.Model]) -> None:
    # Ignored for mypy: django-stubs leaves out _queryset_class, which every manager has
    # (Manager and as_manager() managers are made by BaseManager.from_queryset(), which sets it).
    if not issubclass(model._default_manager._queryset_class, ContentQuerySet):  # type: ignore[attr-defined]
        raise ImproperlyConfigured(
            f"{model._meta.label} is site content, so its manager must build a ContentQuerySet "
            "(embassy.infrastructure.caching): a bulk write would otherwise leave stale pages."
        )
    if model in _content_models:
        return
    _content_models.append(model)
    for signal in (post_save, post_delete):
        signal.connect(
            _content_saved_or_deleted,
            sender=model,
            dispatch_uid=f"content-{model._meta.label}-{signal}",
        )


def content_models() -> list[type[models.Model]]:
    """Every registered content model, in registration order (the apps' order in settings)."""
    return list(_content_models)


class ContentQuerySet(models.QuerySet):
    """The QuerySet of every content model: writes that skip save() and its signals still
    make the cached pages out of date, keep translations' state right (translation_state), and
    still keep a version of each row they wrote (embassy.infrastructure.versions; an update()
    first reads the keys of its rows)."""

    # translation_state is imported where used: it defines a model, and AppConfigs import this
    # module before the app registry is ready.

    def update(self, **kwargs: Any) -> int:
        from embassy.infrastructure import translation_state

        pks = list(self.values_list("pk", flat=True)) if versions.is_versioned(self.model) else []
        with translation_state.kept_current(self, kwargs):
            updated = super().update(**kwargs)
        versions.bulk_written(self.model, pks, self.db)
        content_changed()
        return updated

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        from embassy.infrastructure import translation_state

        objs = list(objs)
        translation_state.prepare_bulk(self.model, objs, None)
        created = super().bulk_create(objs, *args, **kwargs)
        translation_state.after_bulk(created)
        versions.bulk_written(self.model, [obj.pk for obj in created], self.db)
        content_changed()
        return created

    def bulk_update(self, objs: Iterable[Any], fields: Any, *args: Any, **kwargs: Any) -> int:
        from embassy.infrastructure import translation_state

        objs = list(objs)
        fields = translation_state.prepare_bulk(self.model, objs, fields)
        # Django writes each batch with update() (above), which keeps the versions.
        updated = super().bulk_update(objs, fields, *args, **kwargs)
        translation_state.after_bulk(objs)
        content_changed()
        return updated


# --- The content version and its one invalidation path --------------------------------------


def cache_keeps_nothing() -> bool:
    """True when nothing stored would be kept: with Django's dummy cache
    (CACHE_URL=dummycache://), and while the cache is known to be unreachable
    (embassy.infrastructure.redis_cache). Working out how long to keep something is then
    wasted work, and every value is computed from the database."""
    backend = caches["default"]
    if isinstance(backend, DummyCache):
        return True
    is_available = getattr(backend, "is_available", None)
    return is_available is not None and not is_available()


def content_version() -> str:
    """The current content version; made on first use."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(): of two processes making the first version at once, one wins for both.
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def content_changed() -> None:
    """Everything cached from the content is out of date: the one invalidation path.

    Replaced now and again once the transaction commits: another process rendering between the
    save and the commit would otherwise store the old content under the new version.
    """
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(
        lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None), robust=True
    )


def _content_saved_or_deleted(**kwargs: Any) -> None:
    content_changed()


@receiver(redis_cache.reconnected)
def _cache_reconnected(**kwargs: Any) -> None:
    """A change saved while the cache was unreachable could not replace the version: whatever
    was stored before the outage may be out of date."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


class Stored(NamedTuple):
    """What a lookup found: the current content version, and the value stored under the key
    with the moment it stops being right (None, None when nothing right is stored)."""

    version: str
    value: Any
    until: datetime | None


def lookup(key: str, now: datetime) -> Stored:
    """The value stored under `key` if it was stored for the current content version and is
    still right at `now`; one round trip for the version and the value."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or content_version()
    if (stored := found.get(key)) is not None:
        stored_version, stored_at, until, value = stored
        # Also checks the start: a server clock set back must not bring back a later value.
        if stored_version == version and stored_at <= now and (until is None or now < until):
            return Stored(version, value, until)
    return Stored(version, None, None)


def store(key: str, value: Any, *, version: str, now: datetime, until: datetime | None) -> None:
    """Keeps `value`, worked out at `now` from the content of `version`, until `until` (None:
    until the content changes)."""
    timeout = None if until is None else math.ceil((until - now).total_seconds())
    if timeout is None or timeout > 0:
        cache.set(key, (version, now, until, value), timeout=timeout)


# --- Moments at which the content changes by itself -----------------------------------------


def next_change(now: datetime, version: str) -> datetime | None:
    """The first moment after `now` that a registered app reports. Remembered for the content
    version, so the apps' queries run once per change, not once per page."""
    key = f"{MOMENT_KEY_PREFIX}:{version}"
    stored = cache.get(key)
    if stored == NOTHING_DUE:
        return None
    if isinstance(stored, datetime) and stored > now:
        return stored
    moments = [function(now) for function in _next_change_functions]
    moment = min((m for m in moments if m is not None and m > now), default=None)
    cache.set(key, moment or NOTHING_DUE, timeout=None if moment is None else 24 * 3600)
    return moment


def known_next_change() -> datetime | None:
    """The next moment stored by next_change() for the current content version, without
    working it out (no query): None when none is stored yet or nothing is due."""
    version = cache.get(VERSION_KEY)
    if version is None:
        return None
    stored = cache.get(f"{MOMENT_KEY_PREFIX}:{version}")
    return stored if isinstance(stored, datetime) else None


# --- Values worked out from the content -----------------------------------------------------


def remember(name: str, compute: Callable[[], T], *, changes_by_itself: bool = True) -> T:
    """A value worked out from the content (a count, the years offered, the header's rows),
    computed once per content version. With `changes_by_itself` (a count of scheduled items, of
    past events) it is also recomputed at the next moment the content changes by itself;
    without it, only when the content changes. Unlike whole pages, kept for every visitor,
    staff too, and with the page cache switched off. One round trip when it is remembered; a
    value of None is never remembered."""
    if cache_keeps_nothing():
        return compute()
    now = timezone.now()
    # Each language's: values are read in the language they are shown in (its texts, the items
    # translated into it).
    key = f"{REMEMBERED_KEY_PREFIX}:{translation.get_language()}:{name}"
    found = lookup(key, now)
    if found.value is not None:
        return found.value
    value = compute()
    until = next_change(now, found.version) if changes_by_itself else None
    store(key, value, version=found.version, now=now, until=until)
    return value
