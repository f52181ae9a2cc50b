"""Restoring a backup archive (`manage.py restore`): verified whole first, then loaded all or
nothing, and everyone logged out. What an archive holds: embassy/operations/archive.py; how it
is read and checked: embassy/operations/reader.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from embassy.operations.archive import (
    CHUNK,
    DATA,
    MEDIA,
    NATURAL_PRIMARY_KEY_MODELS,
    BackupError,
    applied_migrations,
    archived_models,
    storage_files,
)
from embassy.operations.reader import MemberStream, open_archive, verify_archive


def check_migrations(manifest: dict) -> None:
    """The rows fit this database only if it has every migration the backup was made at."""
    here = applied_migrations()
    missing = [
        f"{app_label}.{name}"
        for app_label, names in manifest["migrations"].items()
        for name in names
        if name not in here.get(app_label, [])
    ]
    if missing:
        raise BackupError(
            "The backup was made with migrations this database lacks: "
            f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}. Run "
            "`manage.py migrate` first, with the code the backup was made with or newer."
        )


def what_is_there(storage: Storage = default_storage) -> list[str]:
    """What makes this installation not empty: rows (the migrations' groups aside) and files."""
    found = []
    for model in archived_models():
        label = model._meta.label_lower
        if label in NATURAL_PRIMARY_KEY_MODELS:
            continue
        count = model._base_manager.count()
        if count:
            found.append(f"{count} {label}")
    files = sum(1 for _ in storage_files(storage))
    if files:
        found.append(f"{files} media files")
    return found


@dataclass
class Restored:
    """What restore_archive() did: the archive's manifest, and the cache aliases it could not
    clear (unreachable): the sessions those hold stay valid until someone clears them."""

    manifest: dict[str, Any]
    caches_not_cleared: list[str]


def restore_archive(
    path: Path, force: bool = False, storage: Storage = default_storage
) -> Restored:
    """Restore the archive at `path` into this installation, all of it or nothing.

    Two passes over the archive. The first checks every member against the authenticated
    manifest, writing nothing anywhere. The second, in one transaction, loads the rows (set
    aside in a scratch folder for loaddata: no more than the manifest declares for them) and
    streams the media files into the storage, each checked again as it goes in case the file
    changed in between; the files are removed again (files replaced under --force put back) if
    anything fails, so a failed restore leaves the installation as it was. Every session and
    django-axes login record ends with it: everyone logs in again.
    """
    path = Path(path)
    manifest = verify_archive(path)
    check_migrations(manifest)
    if not force:
        found = what_is_there(storage)
        if found:
            raise BackupError(
                "This installation is not empty (" + ", ".join(found[:6]) + "). Restore "
                "into an empty one (a migrated database with no content, an empty media "
                "storage), or pass --force to replace what is there."
            )
    written: list[str] = []
    replaced: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="embassy-restore-") as scratch:
        # The models with rows only: loaddata warns about an empty fixture.
        fixtures = [Path(scratch) / f"{label}.json" for label, rows in manifest["models"] if rows]
        try:
            with transaction.atomic(), open_archive(path) as archive:
                if archive.manifest != manifest:
                    raise BackupError(f"{path} changed while it was being restored.")
                if force:
                    empty_tables(archived_models())
                for member in archive.members():
                    if member.name.startswith(DATA):
                        with (Path(scratch) / member.name[len(DATA) :]).open("wb") as rows:
                            shutil.copyfileobj(member, rows, CHUNK)
                    else:
                        _restore_file(storage, member, Path(scratch), written, replaced)
                if fixtures:
                    call_command("loaddata", *map(str, fixtures), verbosity=0)
                end_sessions_and_lockouts()
        except BaseException:
            for name in written:
                with contextlib.suppress(Exception):
                    storage.delete(name)
            for name, keep in replaced.items():
                with contextlib.suppress(Exception), keep.open("rb") as source:
                    storage.save(name, File(source, name=name))
            raise
    # Whatever the cache holds describes the content just replaced (the header's rows, pages)
    # or the sessions just ended (they are read through the cache).
    return Restored(manifest=manifest, caches_not_cleared=clear_caches())


def _restore_file(
    storage: Storage,
    member: MemberStream,
    scratch: Path,
    written: list[str],
    replaced: dict[str, Path],
) -> None:
    """Stream one media file into the storage, a file of the same name set aside first."""
    name = member.name[len(MEDIA) :]
    if storage.exists(name):
        keep = scratch / "replaced" / name
        keep.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as old, keep.open("wb") as copy:
            shutil.copyfileobj(old, copy)
        replaced[name] = keep
        storage.delete(name)
    # Listed before it is written: a save that fails half-way may leave part of it.
    written.append(name)
    file = File(io.BufferedReader(member, CHUNK), name=name)
    file.size = member.declared_size
    stored = storage.save(name, file)
    if stored != name:
        written.append(stored)
        raise BackupError(f"The media storage stored {name!r} as {stored!r}.")
    _check_stored(storage, name, member.declared_sha256)


def end_sessions_and_lockouts(using: str = DEFAULT_DB_ALIAS) -> None:
    """Everyone logs in again: every session ends, and every record of django-axes (attempts,
    lockouts, the failure and access logs) goes, inside the caller's transaction. The copies of
    sessions in the cache go with clear_caches()."""
    axes = apps.get_app_config("axes").get_models()
    empty_tables([apps.get_model("sessions", "Session"), *axes], using)


def clear_caches() -> list[str]:
    """Clear the cache and the sessions' cache; returns the aliases that could not be cleared
    (the Redis backend of embassy.infrastructure.redis_cache reads an outage as a miss)."""
    failed = []
    for alias in sorted({DEFAULT_CACHE_ALIAS, settings.SESSION_CACHE_ALIAS}):
        backend = caches[alias]
        backend.clear()
        is_available = getattr(backend, "is_available", None)
        if is_available is not None and not is_available():
            failed.append(alias)
    return failed


def empty_tables(table_models: list[type[models.Model]], using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every row of these models (and of their many-to-many tables), as `manage.py
    flush` does, inside the caller's transaction.

    In SQL, not through the models: their delete hooks would remove the pictures' files once
    the transaction commits, files the restore has just put back.
    """
    connection = connections[using]
    tables = set()
    for model in table_models:
        tables.add(model._meta.db_table)
        for many_to_many in model._meta.local_many_to_many:
            through = many_to_many.remote_field.through
            if through is not None and through._meta.auto_created:
                tables.add(through._meta.db_table)
    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def _check_stored(storage: Storage, name: str, sha256: str) -> None:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != sha256:
        raise BackupError(f"The media storage returned other bytes for {name!r} than were saved.")
