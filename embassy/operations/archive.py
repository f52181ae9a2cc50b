"""What a backup archive is: one .tar.gz holds a whole installation's content, the database rows
and the media files.

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

This module says what an archive is and what goes into one; embassy/operations/backup.py writes
it and embassy/operations/restore.py reads it back.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.apps import AppConfig, apps
from django.core import serializers
from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, connections, models
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
