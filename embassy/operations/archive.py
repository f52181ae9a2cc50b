"""What a backup archive is: one .tar.gz holds a whole installation's content, the database rows
and the media files, under a signed manifest.

Layout of the .tar.gz (`manage.py backup`, `manage.py restore`), format 2:

    manifest.json                   first: what is in the archive, with the sha256 and size of
                                    every other member, and the migrations it was made at
    manifest.sig                    second: an HMAC-SHA256 of manifest.json's bytes
    data/<app_label>.<model>.json   every row of one model, Django's JSON serialization
    media/<name>                    every file of the media storage, under its storage name

The manifest comes first so that a restore knows what each member must be before it reads a
byte of it, and the signature vouches for the manifest: an archive is restored only when its
signature was made with this installation's key, a key that is not in the archive (BACKUP_KEY
if set, else one derived from SECRET_KEY for this purpose alone; signing_keys()). Format 1
archives (manifest last, unsigned) are refused: nothing in them can be authenticated.

Rows keep their primary keys, so links between rows, and the object ids in the admin's history,
stay right. Foreign keys to users, groups, permissions and content types are written as natural
keys (a username, a group name, a codename), which are the same in every installation, unlike
their ids. Groups are matched by name: the migrations create them in every installation.
Left out: content types and permissions (migrate makes them), sessions (a restore ends every
session: everyone logs in again) and django-axes' login records (security state of the moment,
which a restore empties too).

This module says what an archive is and what goes into one; embassy/operations/backup.py writes
it, embassy/operations/reader.py reads and checks it, embassy/operations/restore.py restores it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePosixPath

from django.apps import AppConfig, apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.crypto import constant_time_compare, salted_hmac

FORMAT = "embassy-backup"
VERSION = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA = "data/"
MEDIA = "media/"
CHUNK = 1024 * 1024
# Read whole into memory before they are authenticated, so bounded: the manifest of some
# 400,000 files, and a signature.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_SIGNATURE_BYTES = 4096
# Makes the key of archive signatures different from that of every other use of the secret.
SIGNING_SALT = "embassy.operations.archive.manifest"

EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
EXCLUDED_APPS = {"axes"}
# Matched by natural key (the group's name), not by id, on restore.
NATURAL_PRIMARY_KEY_MODELS = {"auth.group"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def signing_keys() -> list[tuple[str, str]]:
    """The keys, by the setting they come from, an archive's signature is checked with; the
    first signs new archives. BACKUP_KEY when set, so archives outlive a change of SECRET_KEY;
    otherwise SECRET_KEY, then SECRET_KEY_FALLBACKS, as Django's own signing does while a key
    is being rotated out."""
    if settings.BACKUP_KEY:
        return [("BACKUP_KEY", settings.BACKUP_KEY)]
    return [
        ("SECRET_KEY", settings.SECRET_KEY),
        *(("SECRET_KEY_FALLBACKS", key) for key in settings.SECRET_KEY_FALLBACKS),
    ]


def _hmac(manifest: bytes, key: str) -> str:
    return salted_hmac(SIGNING_SALT, manifest, secret=key, algorithm="sha256").hexdigest()


def sign(manifest: bytes) -> bytes:
    """The signature member for a manifest: its HMAC under this installation's signing key, and
    that key's setting's name (a hint for the message when another installation reads it)."""
    setting, key = signing_keys()[0]
    signature = {"algorithm": "HMAC-SHA256", "key": setting, "hmac": _hmac(manifest, key)}
    return json.dumps(signature, sort_keys=True).encode()


def is_authentic(manifest: bytes, signature: dict) -> bool:
    """True when `signature` (the signature member, parsed) was made over exactly these bytes
    with one of this installation's keys. Compared in constant time."""
    given = signature.get("hmac")
    if not isinstance(given, str):
        return False
    # Every key is tried, a match or not, so the time taken says nothing of which one matched.
    matches = [constant_time_compare(given, _hmac(manifest, key)) for _, key in signing_keys()]
    return any(matches)


def is_safe_member_name(name: str) -> bool:
    """A relative, normalized path under data/ or media/ (or the manifest and its signature):
    nothing a restore could be led out of its folders by."""
    path = PurePosixPath(name)
    return (
        str(path) == name  # no "a//b", "./a" or trailing "/"
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and (name in (MANIFEST, SIGNATURE) or name.startswith((DATA, MEDIA)))
    )


def archived_models() -> list[type[models.Model]]:
    """Every model whose rows go into the archive, each after the models it refers to."""
    app_list: dict[AppConfig, list[type[models.Model]]] = {}
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
