"""The Russian catalog of the site's own messages is complete and current.

Every message of our code has a Russian translation that is not fuzzy, keeps the message's
placeholders and markup and, for a plural, gives all three Russian forms; the committed
django.mo holds exactly what django.po says (`make run` reads the .mo, a translator edits the
.po); and the .po has exactly the messages the code has now (a system test: it extracts them
anew with the project's makemessages, in a copy of the project, never touching this one).
After a message changes in the code: `make messages`, then translate it in the .po.
"""

import gettext
import re
import shutil
import subprocess

import polib
import pytest
from django.conf import settings

from embassy.operations.management.commands.makemessages import NOT_OUR_CODE
from tests.helpers import fresh_interpreter, unavailable

CATALOG = settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
# Russian's three forms: 1, 21 день; 2, 22 дня; 5, 11-14, 25 дней (gettext's usual rule).
RUSSIAN_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
# %(name)s and %(count)d in Python-format messages, {size} in brace-format ones, and the
# tags in a message: a translation keeps each of them.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")
FIX = "run `make messages` and translate the messages in locale/ru/LC_MESSAGES/django.po"


def catalog() -> polib.POFile:
    return polib.pofile(str(CATALOG))


def name(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(form, "") for form in range(3)]
    return [entry.msgstr]


def test_every_message_has_a_russian_translation_that_is_not_fuzzy():
    po = catalog()
    assert not po.metadata_is_fuzzy
    untranslated = [name(entry) for entry in po if not all(translations(entry))]
    fuzzy = [name(entry) for entry in po if "fuzzy" in entry.flags]
    obsolete = [name(entry) for entry in po.obsolete_entries()]
    assert (untranslated, fuzzy, obsolete) == ([], [], []), FIX


def test_the_catalog_has_russians_plural_forms_and_every_plural_all_three():
    po = catalog()
    assert po.metadata["Plural-Forms"] == RUSSIAN_PLURAL_FORMS
    assert po.metadata["Language"] == "ru"
    plurals = [entry for entry in po if entry.msgid_plural]
    assert plurals
    assert all(sorted(entry.msgstr_plural) == [0, 1, 2] for entry in plurals)


def test_translations_keep_the_placeholders_and_markup_of_their_message():
    changed = {}
    for entry in catalog():
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or ""))))
        for translation in translations(entry):
            if sorted(set(PLACEHOLDER.findall(translation))) != expected:
                changed[name(entry)] = translation
    assert changed == {}


def test_the_committed_django_mo_holds_what_django_po_says():
    """The .mo is compiled from the .po by `make messages` (msgfmt); a .po edited without it
    would leave visitors reading the old translations."""
    with COMPILED.open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    compiled_catalog = dict(mo._catalog)  # type: ignore[attr-defined]
    header = compiled_catalog.pop("")
    expected = {}
    for entry in catalog():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected.update({(key, form): text for form, text in entry.msgstr_plural.items()})
        else:
            expected[key] = entry.msgstr
    assert compiled_catalog == expected, "django.mo is out of date: run `make messages`"
    assert f"Plural-Forms: {RUSSIAN_PLURAL_FORMS}" in header


@pytest.mark.system
def test_the_catalog_has_exactly_the_messages_of_the_code(tmp_path):
    """Extracts the messages anew, with the project's makemessages, into a copy of the project
    without its catalog, and compares them with the committed catalog's."""
    if not shutil.which("xgettext") or not shutil.which("msgfmt"):
        unavailable(
            "Checking the catalog against the code needs GNU gettext: apt-get install gettext"
        )
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(*NOT_OUR_CODE, ".*", "__pycache__", "locale", "docs"),
    )
    (copy / "locale").mkdir()
    result = fresh_interpreter("manage.py", "makemessages", "--locale", "ru", cwd=copy)
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"))

    def messages(po: polib.POFile) -> set[tuple[str | None, str, str | None]]:
        return {(entry.msgctxt, entry.msgid, entry.msgid_plural or None) for entry in po}

    committed = messages(catalog())
    assert messages(extracted) - committed == set(), f"messages missing from the catalog: {FIX}"
    assert committed - messages(extracted) == set(), f"messages the code no longer has: {FIX}"


@pytest.mark.system
def test_gnu_msgfmt_accepts_the_catalog(tmp_path):
    """msgfmt --check: the format strings of every translation match their message's, and
    the header is well formed, as `make messages` will need."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        unavailable("Checking the catalog with msgfmt needs GNU gettext: apt-get install gettext")
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(CATALOG)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "django.mo").stat().st_size > 0
