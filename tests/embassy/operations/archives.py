"""What the backup and restore tests share: an installation's rows and files as plain values (what
two installations must agree on), emptying one, and archives read and rewritten member by member
(damaged, tampered with, or made to hold a bomb)."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder

from embassy.operations.archive import NATURAL_PRIMARY_KEY_MODELS, archived_models, storage_files
from embassy.operations.restore import what_is_there


def snapshot() -> dict[str, list]:
    """Every archived row as plain values, foreign keys as natural keys where they have one,
    in a stable order: what two installations must agree on."""
    rows = {}
    for model in archived_models():
        label = model._meta.label_lower
        natural_pk = label in NATURAL_PRIMARY_KEY_MODELS
        objects = serializers.serialize(
            "python",
            model._base_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=natural_pk,
        )
        if natural_pk:  # their ids may differ between installations
            objects.sort(key=lambda obj: json.dumps(obj["fields"], cls=DjangoJSONEncoder))
        rows[label] = json.loads(json.dumps(objects, cls=DjangoJSONEncoder))
    return rows


def media_files() -> dict[str, str]:
    """Every media file, by name, with the sha256 of its bytes."""
    files = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as file:
            files[name] = hashlib.sha256(file.read()).hexdigest()
    return files


def empty_the_installation() -> None:
    call_command("flush", "--noinput")
    for name in storage_files(default_storage):
        default_storage.delete(name)
    assert not what_is_there()


def assert_nothing_restored() -> None:
    assert not what_is_there(), "the failed restore left something behind"


def back_up(folder: Path, name: str = "site.tar.gz") -> Path:
    archive = folder / name
    call_command("backup", str(archive), stdout=io.StringIO())
    return archive


def read_members(archive: Path) -> dict[str, bytes]:
    """Every member of an archive, by name, in the archive's order."""
    with tarfile.open(archive) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def write_members(
    target: Path, members: dict[str, bytes], extra: Iterable[tarfile.TarInfo] = ()
) -> None:
    """Write an archive of `members` in their order, then the `extra` entries (links, devices,
    folders: entries with no content)."""
    with tarfile.open(target, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
        for info in extra:
            tar.addfile(info)


def rewrite_archive(source: Path, target: Path, change: Callable[[dict], None]) -> None:
    """Copy an archive, letting `change(members)` edit the members (name -> bytes) on the way."""
    members = read_members(source)
    change(members)
    write_members(target, members)


def fit_checksums(members: dict[str, bytes]) -> None:
    """Make the manifest's sizes and checksums fit the members again, as a forger would."""
    manifest = json.loads(members["manifest.json"])
    for name in manifest["files"]:
        manifest["files"][name] = {
            "sha256": hashlib.sha256(members[name]).hexdigest(),
            "size": len(members[name]),
        }
    members["manifest.json"] = json.dumps(manifest, indent=1, sort_keys=True).encode()


class Zeros(io.RawIOBase):
    """`size` zero bytes, made as they are read: a member far larger than memory would hold."""

    def __init__(self, size: int):
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


def replace_member(
    source: Path,
    target: Path,
    name: str,
    size: int,
    content: IO[bytes],
    pax_headers: dict[str, str] | None = None,
) -> None:
    """Copy an archive with member `name` replaced by `size` bytes of `content` (and given these
    extra pax header records), everything else (the manifest and its signature too) as it was."""
    with tarfile.open(source) as original, tarfile.open(target, "w:gz") as tar:
        for member in original:
            if member.name == name:
                info = tarfile.TarInfo(name)
                info.size = size
                info.pax_headers = pax_headers or {}
                tar.addfile(info, content)
            else:
                tar.addfile(member, original.extractfile(member))
