"""Restoring a backup archive (`manage.py restore`): verified whole first, then loaded all or
nothing. What an archive holds: embassy/operations/archive.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from embassy.operations.archive import (
    CHUNK,
    DATA,
    FORMAT,
    MANIFEST,
    MEDIA,
    NATURAL_PRIMARY_KEY_MODELS,
    VERSION,
    BackupError,
    applied_migrations,
    archived_models,
    storage_files,
)


@dataclass
class VerifiedArchive:
    """An archive whose every member was read, checked against the manifest and set aside."""

    manifest: dict
    folder: Path  # the members, by their archive names

    def data_files(self) -> list[Path]:
        # Those with rows only: loaddata warns about an empty fixture.
        names = [f"{DATA}{label}.json" for label, rows in self.manifest["models"] if rows]
        return [self.folder / name for name in names]

    def media_names(self) -> list[str]:
        return sorted(
            name[len(MEDIA) :] for name in self.manifest["files"] if name.startswith(MEDIA)
        )


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == MANIFEST or name.startswith((DATA, MEDIA)))
        and "\\" not in name
    )


def verify_archive(path: Path, scratch: Path) -> VerifiedArchive:
    """Read the whole archive into `scratch`, checking every member against the manifest.

    Raises BackupError, having written nothing but into `scratch`, when the archive is not one
    of ours, is damaged or incomplete, or holds anything it does not declare.
    """
    seen: dict[str, dict] = {}
    manifest = None
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                source = archive.extractfile(member) if member.isfile() else None
                if source is None or not _safe_member_name(member.name):
                    raise BackupError(f"The archive holds an unexpected entry: {member.name!r}.")
                if member.name in seen or (member.name == MANIFEST and manifest is not None):
                    raise BackupError(f"The archive holds {member.name!r} twice.")
                if member.name == MANIFEST:
                    manifest = json.loads(source.read().decode())
                    continue
                target = scratch / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[member.name] = {"sha256": digest.hexdigest(), "size": size}
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not an embassy backup: it has no manifest of ours.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is a backup of format version {manifest.get('version')}; this code reads "
            f"version {VERSION}."
        )
    expected = manifest["files"]
    missing = sorted(set(expected) - set(seen))
    unexpected = sorted(set(seen) - set(expected))
    damaged = sorted(name for name in expected if name in seen and seen[name] != expected[name])
    if missing or unexpected or damaged:
        problems = []
        if damaged:
            problems.append(f"damaged (checksum or size differs): {', '.join(damaged[:5])}")
        if missing:
            problems.append(f"missing: {', '.join(missing[:5])}")
        if unexpected:
            problems.append(f"not in the manifest: {', '.join(unexpected[:5])}")
        raise BackupError(f"{path} fails verification; " + "; ".join(problems) + ".")
    return VerifiedArchive(manifest=manifest, folder=scratch)


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


def restore_archive(path: Path, force: bool = False, storage: Storage = default_storage):
    """Restore the archive at `path` into this installation, all of it or nothing.

    The archive is verified in full before anything is written. The rows are loaded in one
    transaction; the media files are written inside it and removed again (files replaced under
    --force are put back) if anything fails, so a failed restore leaves the installation as it
    was. Returns the manifest.
    """
    with tempfile.TemporaryDirectory(prefix="embassy-restore-") as scratch:
        verified = verify_archive(Path(path), Path(scratch))
        check_migrations(verified.manifest)
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
        try:
            with transaction.atomic():
                if force:
                    empty_tables()
                if data_files := verified.data_files():
                    call_command("loaddata", *map(str, data_files), verbosity=0)
                for name in verified.media_names():
                    if storage.exists(name):
                        keep = Path(scratch) / "replaced" / name
                        keep.parent.mkdir(parents=True, exist_ok=True)
                        with storage.open(name, "rb") as old, keep.open("wb") as copy:
                            shutil.copyfileobj(old, copy)
                        replaced[name] = keep
                        storage.delete(name)
                    with (verified.folder / MEDIA / name).open("rb") as source:
                        stored = storage.save(name, File(source, name=name))
                    written.append(stored)
                    if stored != name:
                        raise BackupError(f"The media storage stored {name!r} as {stored!r}.")
                    _check_stored(storage, name, verified.manifest["files"][MEDIA + name])
        except BaseException:
            for name in written:
                with contextlib.suppress(Exception):
                    storage.delete(name)
            for name, keep in replaced.items():
                with contextlib.suppress(Exception), keep.open("rb") as source:
                    storage.save(name, File(source, name=name))
            raise
    # Whatever the cache holds (the header's rows, pages) describes the content just replaced.
    cache.clear()
    return verified.manifest


def empty_tables(using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every archived row, as `manage.py flush` does, inside the caller's transaction.

    In SQL, not through the models: their delete hooks would remove the pictures' files once
    the transaction commits, files the restore has just put back.
    """
    connection = connections[using]
    tables = set()
    for model in archived_models():
        tables.add(model._meta.db_table)
        for many_to_many in model._meta.local_many_to_many:
            through = many_to_many.remote_field.through
            if through is not None and through._meta.auto_created:
                tables.add(through._meta.db_table)
    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def _check_stored(storage: Storage, name: str, expected: dict) -> None:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected["sha256"]:
        raise BackupError(f"The media storage returned other bytes for {name!r} than were saved.")
