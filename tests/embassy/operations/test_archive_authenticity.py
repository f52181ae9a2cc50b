"""`manage.py restore` restores only archives this installation's key signed, and reads them
member by member: an archive edited after it was made (checksums made to fit included), made
with another key, unsigned, or holding a member larger than its manifest says, is refused before
anything is written, without unpacking it anywhere first."""

import contextlib
import io
import json
import os
import runpy
import tarfile
import tempfile
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.embassy.operations.archives import (
    Zeros,
    assert_nothing_restored,
    back_up,
    empty_the_installation,
    fit_checksums,
    media_files,
    read_members,
    replace_member,
    rewrite_archive,
    snapshot,
    write_members,
)

pytestmark = pytest.mark.django_db(transaction=True)

ANOTHER_KEY = "another-installation-" + "k" * 50
PDF = "media/documents/visa form.pdf"  # demo_site's loose file, 24 bytes


@pytest.fixture
def press():
    """The press office's account: staff, not a superuser."""
    user = get_user_model().objects.create_user("press", password="a long passphrase")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Press office"))
    return user


@pytest.fixture
def scratch_peak(tmp_path, monkeypatch):
    """Temporary files go to a folder of the test's own, watched while the test runs; the
    fixture's value tells the most it has held so far, in bytes."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    peak = 0
    stop = threading.Event()

    def held() -> int:
        total = 0
        for root, _folders, files in os.walk(folder):
            for name in files:
                with contextlib.suppress(FileNotFoundError):  # removed meanwhile
                    total += os.lstat(os.path.join(root, name)).st_size
        return total

    def watch():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, held())
            stop.wait(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    yield lambda: max(peak, held())
    stop.set()
    watcher.join()


def test_rows_and_checksums_edited_together_are_refused_and_nothing_is_written(
    demo_site, press, tmp_path
):
    """The attack of issue 12: the press account made superuser in the rows, the manifest's
    checksums recomputed to fit, the archive repacked, then restored over the live site."""
    archive, forged = back_up(tmp_path), tmp_path / "forged.tar.gz"

    def make_press_superuser(members):
        users = json.loads(members["data/auth.user.json"])
        for user in users:
            if user["fields"]["username"] == "press":
                user["fields"]["is_superuser"] = True
        members["data/auth.user.json"] = json.dumps(users).encode()
        fit_checksums(members)

    rewrite_archive(archive, forged, make_press_superuser)
    rows, files = snapshot(), media_files()

    with pytest.raises(CommandError, match="not authentic"):
        call_command("restore", str(forged), "--force")
    assert snapshot() == rows
    assert media_files() == files
    press.refresh_from_db()
    assert not press.is_superuser


@pytest.mark.parametrize("key", ["SECRET_KEY", "BACKUP_KEY"])
def test_an_archive_made_with_another_key_is_refused(demo_site, tmp_path, settings, key):
    here = getattr(settings, key, "")
    setattr(settings, key, ANOTHER_KEY)
    archive = back_up(tmp_path)
    setattr(settings, key, here)
    empty_the_installation()

    with pytest.raises(CommandError, match=r"not authentic.*another key"):
        call_command("restore", str(archive))
    assert_nothing_restored()


def test_an_archive_made_before_a_secret_key_rotation_restores_with_the_old_key_kept_as_fallback(
    demo_site, tmp_path, settings
):
    rows, files = demo_site
    archive = back_up(tmp_path)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = ANOTHER_KEY
    empty_the_installation()

    call_command("restore", str(archive), stdout=io.StringIO())
    assert snapshot() == rows
    assert media_files() == files


def unsigned(members):
    members.pop("manifest.sig", None)


def made_before_signing(members):
    """The layout of format 1: no signature, the manifest last."""
    unsigned(members)
    members["manifest.json"] = members.pop("manifest.json")


@pytest.mark.parametrize(
    ("change", "message"),
    [(unsigned, "not authentic: it has no signature"), (made_before_signing, "format 1")],
    ids=["signature-removed", "format-1"],
)
def test_an_unsigned_archive_is_refused(demo_site, tmp_path, change, message):
    archive, stripped = back_up(tmp_path), tmp_path / "unsigned.tar.gz"
    rewrite_archive(archive, stripped, change)
    empty_the_installation()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(stripped))
    assert_nothing_restored()


@pytest.mark.parametrize(
    "size",
    [25, 256 * 1024 * 1024],
    ids=["one-byte-more", "bomb-256-MiB"],
)
def test_a_member_larger_than_its_manifest_says_is_refused_before_it_is_read(
    demo_site, tmp_path, scratch_peak, size
):
    """The bomb: a .tar.gz of some 260 KB whose 24-byte PDF became 256 MiB of zeros, the
    manifest and its signature untouched. Refused at the member's header, with no scratch disk
    used: nothing is unpacked to be checked."""
    archive, bomb = back_up(tmp_path), tmp_path / "bomb.tar.gz"
    replace_member(archive, bomb, PDF, size, Zeros(size))
    assert bomb.stat().st_size < 1024 * 1024
    manifest = json.loads(read_members(archive)["manifest.json"])
    declared = sum(entry["size"] for entry in manifest["files"].values())
    empty_the_installation()

    with pytest.raises(CommandError, match=rf"{PDF}.* {size:,} bytes.* 24 its manifest declares"):
        call_command("restore", str(bomb))
    assert scratch_peak() <= declared
    assert_nothing_restored()


def test_a_header_larger_than_the_archive_accounts_for_is_refused_unread(demo_site, tmp_path):
    """A tar header record (pax) holds its data in memory: one of 2 MiB, slipped in front of a
    member of an authentic archive, is refused before it is read."""
    archive, padded = back_up(tmp_path), tmp_path / "padded.tar.gz"
    pdf = read_members(archive)[PDF]
    replace_member(
        archive, padded, PDF, len(pdf), io.BytesIO(pdf), {"comment": "x" * 2 * 1024 * 1024}
    )
    empty_the_installation()

    with pytest.raises(CommandError, match="holds more than its manifest accounts for"):
        call_command("restore", str(padded))
    assert_nothing_restored()


def read_settings(monkeypatch, **variables):
    monkeypatch.setenv("ENV_FILE", "/dev/null")
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("BACKUP_KEY", raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(settings.BASE_DIR, "embassy", "settings.py")))


def test_backup_key_is_empty_by_default_and_refused_when_short(monkeypatch):
    assert read_settings(monkeypatch)["BACKUP_KEY"] == ""
    assert read_settings(monkeypatch, BACKUP_KEY=ANOTHER_KEY)["BACKUP_KEY"] == ANOTHER_KEY
    with pytest.raises(ImproperlyConfigured, match=r"BACKUP_KEY.*50"):
        read_settings(monkeypatch, BACKUP_KEY="too short")


@pytest.mark.parametrize(
    "kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.FIFOTYPE, tarfile.DIRTYPE]
)
def test_links_devices_and_folders_are_refused(demo_site, tmp_path, kind):
    archive, odd = back_up(tmp_path), tmp_path / "odd.tar.gz"
    special = tarfile.TarInfo("media/documents/special")
    special.type = kind
    special.linkname = "/etc/passwd"
    write_members(odd, read_members(archive), extra=[special])
    empty_the_installation()

    with pytest.raises(CommandError, match="unexpected entry: 'media/documents/special'"):
        call_command("restore", str(odd))
    assert_nothing_restored()
