"""`manage.py makemessages` with the project's choices built in, so that `make messages`, a
developer typing the command and the test that the catalog is current (tests/test_catalog.py)
all extract the same messages and write them the same way:

- only the site's own code: the folders below hold none (the virtualenv's libraries bring their
  own catalogs, the tests and the benchmark show nothing to visitors);
- each message says which files use it (`--add-location=file`), not at which lines: a
  translator sees where "Show" or "until" appears, and an edit that moves a line does not touch
  the catalog (`--no-location` would hide the files, the default "full" would churn on every
  edit);
- messages the code no longer has are dropped, not kept as `#~` comments (`--no-obsolete`).

Django's own options still work and win: `--add-location=full`, `--no-location`, more `--ignore`.
It needs GNU gettext's xgettext and msgmerge (`apt-get install gettext`).
"""

from django.core.management.commands import makemessages

NOT_OUR_CODE = [".venv", "tests", "bench", "staticfiles", "media", "node_modules"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *NOT_OUR_CODE]
        if not options["add_location"] and not options["no_location"]:
            options["add_location"] = "file"
        options["no_obsolete"] = True
        return super().handle(*args, **options)
