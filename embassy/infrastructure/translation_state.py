"""Whether each translation of an item is missing, outdated or up to date.

A translated model (django-modeltranslation: a column per language) inherits `TranslationState`,
which keeps two columns up to date in save():

- `translation_sources`: for each language other than the default, the default language's text
  as it was when that translation was last saved ({"ru": {"title": "…", "body": "…"}}): what
  the translator translated from.
- `outdated_translations`: the languages whose source differs from today's default-language
  text (",ru,"), for the admin's list filter and column and the public pages' note.

A translation counts as saved when a save writes a change to one of its columns (or creates the
item with text in it); its source is then today's default-language text. A save that changes the
default language's text and a translation together leaves that translation up to date. Saving an
item without touching a translation never changes its source, so the translation stays outdated
until a translator saves it, or marks it up to date (`mark_up_to_date`).

A translation is missing where the default language has text in a field and the translation has
none (`missing_in`); that needs no column.

The bulk writes of ContentQuerySet keep both columns right too (`kept_current`, `prepare_bulk`):
update() reads the rows it writes before and after (two queries and one bulk update more, only
when it writes a translated column); bulk_create() and bulk_update() work on the objects given,
which bulk_update() assumes were read from the database (as save() does).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from embassy.infrastructure import translated
from embassy.infrastructure.lib import text_diff

STATE_FIELDS = ("translation_sources", "outdated_translations")


class Status(models.TextChoices):
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    UP_TO_DATE = "up-to-date", _("up to date")


def other_languages() -> list[str]:
    """The site's languages a text is translated into: all but the default."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@cache
def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The names of the model's translated fields ("title", "body"), in the model's order."""
    names = translator.get_options_for_model(model).all_fields
    return tuple(field.name for field in model._meta.concrete_fields if field.name in names)


def is_rich_text(model: type[models.Model], field: str) -> bool:
    """Whether `field` holds HTML (a field class says so with `is_rich_text = True`)."""
    return bool(getattr(model._meta.get_field(field), "is_rich_text", False))


def outdated_in(language: str) -> Q:
    """Rows whose translation into `language` is outdated."""
    return Q(outdated_translations__contains=f",{language},")


def missing_in(model: type[models.Model], language: str) -> Q:
    """Rows lacking text in `language` in a field that has text in the default language."""
    condition = Q()
    for field in translated_fields(model):
        default = translated.localized(field, settings.LANGUAGE_CODE)
        condition |= Q(**{f"{default}__gt": ""}) & translated.is_empty_in(field, language)
    return condition


def conditions(model: type[models.Model], language: str) -> dict[Status, Q]:
    """The condition of each status of the translation into `language`: `missing` prevails
    (what is missing is to be translated first)."""
    missing = missing_in(model, language)
    return {
        Status.MISSING: missing,
        Status.OUTDATED: outdated_in(language) & ~missing,
        Status.UP_TO_DATE: ~outdated_in(language) & ~missing,
    }


class TranslationState(models.Model):
    """The state of each translation of a translated model's rows (see the module docstring)."""

    translation_sources = models.JSONField(
        _("sources of the translations"), default=dict, blank=True, editable=False
    )
    outdated_translations = models.CharField(
        _("outdated translations"), max_length=100, blank=True, default="", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Also records the translations' state: unless the save writes no translated column, or
        the object was read without some of them (only(), defer()), which Django then does not
        write either."""
        update_fields = kwargs.get("update_fields")
        writes = update_fields is None or writes_translations(type(self), update_fields)
        if writes and not self._reads_partly():
            self.refresh_translation_state(self.changed_languages())
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *STATE_FIELDS}
        super().save(*args, **kwargs)
        self._reset_loaded_translations()

    def _reads_partly(self) -> bool:
        deferred = self.get_deferred_fields()
        return bool(deferred) and writes_translations(type(self), deferred)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_translations = instance._translation_columns()
        return instance

    def _translation_columns(self) -> dict[str, str]:
        """The loaded value of each language's column of each translated field ("" for NULL);
        read from __dict__, so a deferred column is left out rather than loaded."""
        values = {}
        for field in translated_fields(type(self)):
            for code, _name in settings.LANGUAGES:
                column = translated.localized(field, code)
                if column in self.__dict__:
                    values[column] = self.__dict__[column] or ""
        return values

    def _text_in(self, field: str, language: str) -> str:
        return self.__dict__.get(translated.localized(field, language)) or ""

    def source_text(self) -> dict[str, str]:
        """Today's default-language text of each translated field."""
        return {
            field: self._text_in(field, settings.LANGUAGE_CODE)
            for field in translated_fields(type(self))
        }

    def has_text_in(self, language: str) -> bool:
        return any(self._text_in(field, language) for field in translated_fields(type(self)))

    def is_missing_in(self, language: str) -> bool:
        """What `missing_in` finds, for a row in memory."""
        return any(
            self._text_in(field, settings.LANGUAGE_CODE) and not self._text_in(field, language)
            for field in translated_fields(type(self))
        )

    def is_outdated_in(self, language: str | None = None) -> bool:
        """Whether the translation into `language` (the current one) is older than the
        default language's text. No query."""
        language = language or translated.current_language()
        return f",{language}," in (self.outdated_translations or "")

    @property
    def translation_is_outdated(self) -> bool:
        """Whether the translation into the current language is outdated (for templates)."""
        return self.is_outdated_in()

    def translation_status(self, language: str) -> Status:
        if self.is_missing_in(language):
            return Status.MISSING
        if self.is_outdated_in(language):
            return Status.OUTDATED
        return Status.UP_TO_DATE

    def changed_languages(self) -> set[str]:
        """The languages (but the default) whose columns this object changes: all of them for
        an object not read from the database."""
        loaded = getattr(self, "_loaded_translations", None)
        if self._state.adding or loaded is None:
            return set(other_languages())
        now = self._translation_columns()
        return {
            language
            for language in other_languages()
            for field in translated_fields(type(self))
            if (column := translated.localized(field, language)) in loaded
            and column in now
            and loaded[column] != now[column]
        }

    def refresh_translation_state(self, saved_languages: Iterable[str]) -> None:
        """Records today's source for the translations in `saved_languages` (those with text),
        and which translations are outdated. No query."""
        saved_languages = set(saved_languages)
        source = self.source_text()
        sources = dict(self.translation_sources or {})
        outdated = []
        for language in other_languages():
            if not self.has_text_in(language):
                sources.pop(language, None)
                continue
            # A translation with no recorded source was written around save(): taken as current.
            if language in saved_languages or language not in sources:
                sources[language] = source
            if sources[language] != source:
                outdated.append(language)
        self.translation_sources = sources
        self.outdated_translations = f",{','.join(outdated)}," if outdated else ""

    def mark_up_to_date(self, language: str) -> None:
        """Takes the translation into `language` as translated from today's text (its
        translator found nothing to change); save() stores it."""
        self.refresh_translation_state({language})

    def source_changes(self, language: str) -> list[tuple[str, list[text_diff.Line]]]:
        """What changed in each translated field's default-language text since the translation
        into `language` was saved: (field name, lines), fields without a change left out."""
        recorded = (self.translation_sources or {}).get(language)
        if recorded is None:
            return []
        changes = []
        for field, now in self.source_text().items():
            lines = text_diff.diff(
                recorded.get(field, ""), now, rich=is_rich_text(type(self), field)
            )
            if lines:
                changes.append((field, lines))
        return changes

    def _reset_loaded_translations(self) -> None:
        self._loaded_translations = self._translation_columns()


def writes_translations(
    model: type[models.Model], names: Iterable[str], *, original_names: bool = False
) -> bool:
    """Whether a write of the fields `names` writes a column of a translated field; with
    `original_names`, "title" counts too (update() writes it to the current language's)."""
    if not issubclass(model, TranslationState):
        return False
    fields = translated_fields(model)
    columns = {
        translated.localized(field, code) for field in fields for code, _name in settings.LANGUAGES
    }
    if original_names:
        columns.update(fields)
    return any(name in columns for name in names)


@contextmanager
def kept_current(queryset: models.QuerySet, values: dict[str, Any]) -> Iterator[None]:
    """Around queryset.update(**values): the written rows' state recomputed, as save() would
    have (two queries and a bulk update, only when `values` writes a translated column)."""
    model = queryset.model
    # A write that sets the state itself (bulk_update's batches, after prepare_bulk) needs
    # nothing worked out again.
    sets_the_state = all(name in values for name in STATE_FIELDS)
    if sets_the_state or not writes_translations(model, values, original_names=True):
        yield
        return
    written = translated.as_written(queryset).values("pk")
    read: list[Any] = list(models.QuerySet(model).filter(pk__in=written))
    before = {row.pk: row for row in read}
    yield
    rows: list[Any] = list(models.QuerySet(model).filter(pk__in=list(before)))
    for row in rows:
        row._loaded_translations = before[row.pk]._loaded_translations
        row.refresh_translation_state(row.changed_languages())
    models.QuerySet(model).bulk_update(rows, STATE_FIELDS)


def prepare_bulk(model: type[models.Model], objs: list[Any], fields: Iterable[str] | None):
    """Before bulk_create (`fields` None) or bulk_update(objs, fields): each object's state
    worked out as save() would. Returns the fields bulk_update must write."""
    if not issubclass(model, TranslationState):
        return fields
    if fields is None:
        for obj in objs:
            obj.refresh_translation_state(other_languages())
        return None
    fields = list(fields)
    if not writes_translations(model, fields):
        return fields
    for obj in objs:
        obj.refresh_translation_state(obj.changed_languages())
    return [*fields, *(name for name in STATE_FIELDS if name not in fields)]


def after_bulk(objs: Iterable[Any]) -> None:
    for obj in objs:
        if isinstance(obj, TranslationState):
            obj._reset_loaded_translations()


def mark_current(apps: Any, schema_editor: Any, models_fields: dict[str, list[str]]) -> None:
    """A data migration's step: every existing translation taken as up to date with today's
    default-language text. `models_fields`: {"news.Article": ["title", "body"], …}. A model
    without the default language's columns yet (another pair of languages, whose columns a later
    migration adds) is left alone: a translation with no recorded source counts as current."""
    default = settings.LANGUAGE_CODE
    for label, fields in models_fields.items():
        model = apps.get_model(label)
        columns = {field.name for field in model._meta.concrete_fields}
        if any(translated.localized(f, default) not in columns for f in fields):
            continue
        rows = list(model._base_manager.all())
        for row in rows:
            source = {f: getattr(row, translated.localized(f, default)) or "" for f in fields}
            row.translation_sources = {
                language: source
                for language in other_languages()
                if any(getattr(row, translated.localized(f, language), None) for f in fields)
            }
            row.outdated_translations = ""
        model._base_manager.bulk_update(rows, STATE_FIELDS, batch_size=500)
