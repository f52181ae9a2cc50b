"""Writing a backup archive (`manage.py backup`): the rows of every archived model, one
consistent snapshot, then the media files, each hashed as it is written; then the manifest and
its signature, put in front of them. What an archive holds: embassy/operations/archive.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import django
from django.core import serializers
from django.core.files.storage import Storage, default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from embassy.operations.archive import (
    DATA,
    FORMAT,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MEDIA,
    NATURAL_PRIMARY_KEY_MODELS,
    SIGNATURE,
    VERSION,
    BackupError,
    applied_migrations,
    archived_models,
    sign,
    storage_files,
)


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

    The members are written first, to a file of their own beside `path`, since the manifest
    that goes in front of them is known only once they are all hashed; the archive is then the
    manifest's gzip stream followed by theirs (a .tar.gz may be several gzip streams end to
    end). So a backup needs free space for twice its archive while it runs.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    members = path.with_name(path.name + ".members.partial")
    summary = Summary()
    files: dict[str, dict] = {}
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with (
            tempfile.TemporaryDirectory(prefix="embassy-backup-") as scratch,
            tarfile.open(members, "w:gz") as archive,
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
        if len(data) > MAX_MANIFEST_BYTES:
            raise BackupError(f"The manifest of {len(files):,} files is too large for a restore.")
        with partial.open("wb") as out:
            with gzip.GzipFile(fileobj=out, mode="wb") as head:
                head.write(_tar_entry(MANIFEST, data) + _tar_entry(SIGNATURE, sign(data)))
            with members.open("rb") as body:
                shutil.copyfileobj(body, out)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        members.unlink(missing_ok=True)
    return summary


def _tar_entry(name: str, data: bytes) -> bytes:
    """A file's header and content as they stand in a tar, padded to whole blocks, without the
    end-of-archive blocks TarFile.close() would add: the archive goes on after them."""
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    padding = -len(data) % tarfile.BLOCKSIZE
    return info.tobuf(tarfile.PAX_FORMAT) + data + tarfile.NUL * padding


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
