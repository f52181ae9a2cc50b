"""One archive holds a whole installation's content: the database rows and the media files.

Layout of the .tar.gz (`manage.py backup`, `manage.py restore`):

    data/<app_label>.<model>.json   every row of one model, Django's JSON serialization
    media/<name>                    every file of the media storage, under its storage name
    manifest.json                   last: what is in the archive, with the sha256 and size of
                                    every other member, and the migrations it was made at

Rows keep their primary keys, so links between rows, and the object ids in the admin's history,
stay right. Foreign keys to users, groups, permissions and content types are written as natural
keys (a username, a group name, a codename), which are the same in every installation, unlike
their ids. Groups are matched by name: the migrations create them in every installation.
Left out: content types and permissions (migrate makes them), sessions (a restored site logs
everyone in again) and django-axes' login-failure counters (security state of the moment).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

import django
from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "embassy-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data/"
MEDIA = "media/"
CHUNK = 1024 * 1024

EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
EXCLUDED_APPS = {"axes"}
# Matched by natural key (the group's name), not by id, on restore.
NATURAL_PRIMARY_KEY_MODELS = {"auth.group"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def archived_models() -> list[type[models.Model]]:
    """Every model whose rows go into the archive, each after the models it refers to."""
    app_list = {}
    for model in apps.get_models():
        meta = model._meta
        if (
            not meta.managed
            or meta.proxy
            or meta.label_lower in EXCLUDED_MODELS
            or meta.app_label in EXCLUDED_APPS
        ):
            continue
        app_list.setdefault(apps.get_app_config(meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


class FullPrecisionJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds (ECMA-262's format): a backup keeps them to
    the microsecond, as the database does, so a restored row is the row that was saved."""

    def default(self, o):
        if isinstance(o, dt.datetime) or (isinstance(o, dt.time) and o.utcoffset() is None):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def serialize_rows(model: type[models.Model], stream: IO[str]) -> int:
    """Write every row of `model` (all of them: the base manager, not a filtered default one)."""
    rows = model._base_manager.order_by("pk")
    serializers.serialize(
        "json",
        rows.iterator(chunk_size=2000),
        stream=stream,
        cls=FullPrecisionJSONEncoder,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=model._meta.label_lower in NATURAL_PRIMARY_KEY_MODELS,
    )
    return rows.count()


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """The name of every file in the storage, folders walked depth first, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a filesystem storage whose folder does not exist yet
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, f"{folder}/{name}" if folder else name)


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


class _HashingReader(io.RawIOBase):
    """Reads through a file, counting and hashing what passes, for tarfile.addfile."""

    def __init__(self, source: IO[bytes]):
        self.source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


@dataclass
class Summary:
    rows: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    media_bytes: int = 0

    def __str__(self) -> str:
        return (
            f"{sum(self.rows.values())} rows of {sum(1 for n in self.rows.values() if n)} models "
            f"and {self.media_files} media files ({self.media_bytes:,} bytes)"
        )


def write_archive(path: Path, storage: Storage = default_storage) -> Summary:
    """Write the archive to `path`, atomically: a failed backup leaves no partial file behind.

    The rows are read in one transaction; on PostgreSQL a REPEATABLE READ one, so they are one
    consistent snapshot even while the site takes edits.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    summary = Summary()
    files: dict[str, dict] = {}
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with (
            tempfile.TemporaryDirectory(prefix="embassy-backup-") as scratch,
            tarfile.open(partial, "w:gz") as archive,
        ):
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                migrations = applied_migrations()
                for model in archived_models():
                    label = model._meta.label_lower
                    member = f"{DATA}{label}.json"
                    scratch_file = Path(scratch) / f"{label}.json"
                    with scratch_file.open("w", encoding="utf-8") as stream:
                        summary.rows[label] = serialize_rows(model, stream)
                    files[member] = _add_file(archive, member, scratch_file.open("rb"))
            # Media after the rows: the files of every row in the snapshot are there by now (a
            # file uploaded meanwhile only comes along as an extra).
            for name in storage_files(storage):
                with storage.open(name, "rb") as source:
                    entry = _add_file(archive, MEDIA + name, source, size=storage.size(name))
                files[MEDIA + name] = entry
                summary.media_files += 1
                summary.media_bytes += entry["size"]
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "django": django.get_version(),
                "database": connection.vendor,
                "migrations": migrations,
                # In load order: each model after those it refers to.
                "models": [[label, count] for label, count in summary.rows.items()],
                "files": files,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return summary


def _add_file(archive: tarfile.TarFile, member: str, source: IO[bytes], size=None) -> dict:
    with contextlib.closing(source):
        if size is None:
            source.seek(0, io.SEEK_END)
            size = source.tell()
            source.seek(0)
        info = tarfile.TarInfo(member)
        info.size = size
        info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
        reader = _HashingReader(source)
        archive.addfile(info, reader)
        if reader.size != size:
            raise BackupError(f"{member} changed size while it was being archived; run again.")
        return {"sha256": reader.sha256.hexdigest(), "size": size}


# --- restore ---------------------------------------------------------------------------------


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
                if not member.isfile() or not _safe_member_name(member.name):
                    raise BackupError(f"The archive holds an unexpected entry: {member.name!r}.")
                if member.name in seen or (member.name == MANIFEST and manifest is not None):
                    raise BackupError(f"The archive holds {member.name!r} twice.")
                source = archive.extractfile(member)
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
        tables.update(
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def _check_stored(storage: Storage, name: str, expected: dict) -> None:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected["sha256"]:
        raise BackupError(f"The media storage returned other bytes for {name!r} than were saved.")
