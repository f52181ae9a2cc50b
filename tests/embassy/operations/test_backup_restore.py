"""`manage.py backup` and `manage.py restore`: the demo content and its media files go into one
archive and come back identical, into this test's emptied database and into a fresh SQLite
installation in another process; a bad archive or a failure half-way changes nothing."""

import hashlib
import io
import json
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from embassy.operations.archive import is_authentic, sign
from news.models import Article, Event
from tests.embassy.operations.archives import (
    assert_nothing_restored,
    back_up,
    empty_the_installation,
    fit_checksums,
    media_files,
    read_members,
    rewrite_archive,
    snapshot,
)
from tests.factories import make_article, make_event
from tests.helpers import fresh_interpreter

pytestmark = pytest.mark.django_db(transaction=True)

PDF = "media/documents/visa form.pdf"  # demo_site's loose file, 24 bytes

# Printed by a second process: that installation's snapshot and media files.
SNAPSHOT_SCRIPT = """
import json, django
django.setup()
from tests.embassy.operations.archives import snapshot, media_files
print(json.dumps({"rows": snapshot(), "media": media_files()}))
"""


def test_round_trip_into_the_emptied_database_gives_back_every_row_and_file(demo_site, tmp_path):
    rows, files = demo_site
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    empty_the_installation()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "every checksum verified" in out.getvalue()
    assert snapshot() == rows
    assert media_files() == files
    # The restored rows are live data: new ones get ids after them (sequences were reset).
    assert make_article().pk > max(row["pk"] for row in rows["news.article"])


@pytest.mark.system
def test_round_trip_into_a_fresh_sqlite_installation_in_another_process(demo_site, tmp_path):
    rows, files = demo_site
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    installation = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "fresh-media"),
        # The key the archive was signed with: a new machine gets the old one's SECRET_KEY.
        "SECRET_KEY": settings.SECRET_KEY,
    }

    def run(*command):
        result = fresh_interpreter(*command, timeout=300, **installation)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("manage.py", "migrate", "--noinput", "-v0")  # the migrations' groups are there now
    run("manage.py", "restore", str(archive))
    restored = json.loads(run("-c", SNAPSHOT_SCRIPT))
    assert restored["rows"] == rows
    assert restored["media"] == files


def test_the_archive_lists_every_file_with_its_checksum_and_leaves_out_what_migrate_makes(
    demo_site, tmp_path
):
    members = read_members(back_up(tmp_path))
    # The manifest first, then its signature: a restore knows every member before reading it.
    assert list(members)[:2] == ["manifest.json", "manifest.sig"]
    signed = members.pop("manifest.json")
    assert is_authentic(signed, json.loads(members.pop("manifest.sig")))
    manifest = json.loads(signed)
    assert set(members) == set(manifest["files"])
    for name, content in members.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
        }
    labels = [label for label, _ in manifest["models"]]
    assert {"news.article", "consular.contactpoint", "auth.user", "auth.group"} <= set(labels)
    assert not {"contenttypes.contenttype", "auth.permission", "sessions.session"} & set(labels)
    # Each model after the ones it refers to.
    assert labels.index("consular.contactpoint") < labels.index("consular.phonenumber")
    assert manifest["migrations"]["news"]


def test_restore_refuses_an_installation_with_content_and_changes_nothing(demo_site, tmp_path):
    rows, files = demo_site
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Article.objects.filter(title="With a picture").update(title="Edited since")
    edited = snapshot()

    with pytest.raises(CommandError, match=r"not empty \(.*news\.article.*--force"):
        call_command("restore", str(archive))
    assert snapshot() == edited != rows
    assert media_files() == files


def test_restore_with_force_replaces_the_content(demo_site, tmp_path):
    rows, files = demo_site
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Article.objects.filter(title="With a picture").update(title="Edited since")
    make_article(title="Written after the backup")
    default_storage.delete("documents/visa form.pdf")

    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert snapshot() == rows
    assert media_files() == files


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda m: m.update({PDF: b"%PDF-1.4 not much of ONE"}), f"{PDF} is damaged"),
        (lambda m: m.update({PDF: b"%PDF"}), f"{PDF} is 4 bytes .* less than the 24"),
        (lambda m: m.pop("data/news.article.json"), "missing: data/news.article.json"),
        (lambda m: m.update({"media/extra.txt": b"smuggled"}), "not in the manifest"),
        (lambda m: m.update({"../outside.txt": b"escape"}), "unexpected entry"),
        (lambda m: m.pop("manifest.json"), "not an embassy backup"),
    ],
    ids=[
        "changed-bytes",
        "changed-size",
        "missing-member",
        "undeclared-member",
        "path-escape",
        "no-manifest",
    ],
)
def test_a_damaged_archive_is_refused_before_anything_is_written(
    demo_site, tmp_path, damage, message
):
    archive, damaged = tmp_path / "site.tar.gz", tmp_path / "damaged.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rewrite_archive(archive, damaged, damage)
    empty_the_installation()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(damaged))
    assert_nothing_restored()
    assert not (Path(settings.MEDIA_ROOT).parent / "outside.txt").exists()


def test_a_truncated_archive_is_refused(demo_site, tmp_path):
    archive = back_up(tmp_path)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    empty_the_installation()

    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(truncated))
    assert_nothing_restored()


def test_files_with_long_and_non_ascii_names_come_back(demo_site, tmp_path):
    """Their names take extra (pax) headers in the archive, which the reader makes room for."""
    name = "documents/" + "Посольство-" * 8 + "/" + "консульский отдел-" * 5 + "ünïcode.txt"
    default_storage.save(name, ContentFile(b"x" * 5000))
    rows, files = snapshot(), media_files()
    archive = back_up(tmp_path)
    empty_the_installation()

    call_command("restore", str(archive), stdout=io.StringIO())
    assert snapshot() == rows
    assert media_files() == files


def test_an_archive_that_is_no_archive_is_refused(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(junk))


def signed_anew(members):
    """The manifest signed again with this installation's key: an archive it made itself, whose
    content will not restore for another reason."""
    members["manifest.sig"] = sign(members["manifest.json"])


def test_an_archive_needing_newer_migrations_is_refused(demo_site, tmp_path):
    archive, newer = tmp_path / "site.tar.gz", tmp_path / "newer.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    def from_the_future(members):
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"]["news"].append("9999_from_the_future")
        members["manifest.json"] = json.dumps(manifest).encode()
        signed_anew(members)

    rewrite_archive(archive, newer, from_the_future)
    empty_the_installation()
    with pytest.raises(CommandError, match=r"news\.9999_from_the_future.*migrate"):
        call_command("restore", str(newer))
    assert_nothing_restored()


def test_rows_that_do_not_load_leave_no_row_and_no_file(demo_site, tmp_path):
    archive, broken = tmp_path / "site.tar.gz", tmp_path / "broken.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    def dangling_phone_number(members):
        # A phone number of a contact point that is not in the archive; checksums made to fit.
        name = "data/consular.phonenumber.json"
        numbers = json.loads(members[name])
        numbers[0]["fields"]["contact_point"] = 999_999
        members[name] = json.dumps(numbers).encode()
        fit_checksums(members)
        signed_anew(members)

    rewrite_archive(archive, broken, dangling_phone_number)
    empty_the_installation()
    with pytest.raises(CommandError, match="rolled back, nothing was changed"):
        call_command("restore", str(broken))
    assert_nothing_restored()


def test_a_storage_failure_half_way_through_the_files_undoes_the_whole_restore(
    demo_site, tmp_path, monkeypatch
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    empty_the_installation()
    saved = []
    original_save = FileSystemStorage._save

    def fail_on_the_second_file(storage, name, content):
        if saved:
            raise OSError("No space left on device")
        saved.append(name)
        return original_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", fail_on_the_second_file)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("restore", str(archive))
    assert saved, "one file had been written before the failure"
    assert_nothing_restored()


def test_backup_refuses_to_overwrite_an_archive(tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"an older backup"


def test_times_come_back_to_the_microsecond(tmp_path):
    """Django's JSON cuts times to milliseconds; a backup must not (a row restored is the row
    saved, and a time under a millisecond past the second would even lose its fraction)."""
    published = datetime(2022, 6, 28, 11, 46, 5, 456, tzinfo=UTC)
    article = make_article(published_at=published)
    event = make_event(
        published_at=published.replace(microsecond=987654), starts_at=time(9, 30, 0, 1)
    )
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    empty_the_installation()
    call_command("restore", str(archive), stdout=io.StringIO())
    assert Article.objects.get(pk=article.pk).published_at == published
    restored = Event.objects.get(pk=event.pk)
    assert restored.published_at.microsecond == 987654
    assert restored.starts_at == time(9, 30, 0, 1)
