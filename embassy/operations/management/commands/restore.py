"""`manage.py restore ARCHIVE [--force]`: an archive of `manage.py backup`, restored whole.

Into an empty installation (migrated, no content) unless --force. Only an archive signed with
this installation's key is restored, and it is verified against its manifest's checksums first;
a restore that fails at any point leaves the installation as it was. A restore ends every
session and login lockout: everyone logs in again.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from embassy.operations.archive import BackupError
from embassy.operations.restore import restore_archive


class Command(BaseCommand):
    help = "Restore an archive of `manage.py backup` into an empty installation."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore into an installation that has content: its rows are replaced by the "
            "archive's, and its media files of the same names too.",
        )

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No archive at {path}.")
        try:
            restored = restore_archive(path, force=force)
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        except Exception as error:
            raise CommandError(
                f"Restore failed and was rolled back, nothing was changed: {error}"
            ) from error
        manifest = restored.manifest
        rows = sum(count for _, count in manifest["models"])
        files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {path} (made {manifest['created_at']}): {rows} rows, {files} media "
                "files, its signature and every checksum verified. Every session and login "
                "lockout has ended: everyone logs in again."
            )
        )
        if restored.caches_not_cleared:
            self.stderr.write(
                self.style.WARNING(
                    f"The cache ({', '.join(restored.caches_not_cleared)}) could not be cleared: "
                    "it is unreachable. Clear it (redis-cli FLUSHDB) before the app servers "
                    "start, or the sessions it holds stay valid and its pages show the old "
                    "content."
                )
            )
