"""`manage.py backup [ARCHIVE]`: the database content and the media files, in one archive.

See embassy/operations/archive.py for what the archive holds, and README, "Backup and restore".
"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from embassy.operations.archive import BackupError
from embassy.operations.backup import write_archive


class Command(BaseCommand):
    help = "Write the database content and the media files to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it (default: embassy-backup-<UTC time>.tar.gz here).",
        )

    def handle(self, *args, archive=None, **options):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = Path(archive or f"embassy-backup-{stamp}.tar.gz")
        if path.is_dir():
            path = path / f"embassy-backup-{stamp}.tar.gz"
        if not path.name.endswith(".tar.gz"):
            raise CommandError(f"The archive's name must end in .tar.gz: {path}")
        if path.exists():
            raise CommandError(f"{path} exists already; choose another name.")
        try:
            summary = write_archive(path)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed, no archive written: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}: {summary}."))
