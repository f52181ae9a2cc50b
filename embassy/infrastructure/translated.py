"""Content in the site's languages (django-modeltranslation keeps a column per language:
title_en, title_ru, …): which language a text is shown in, and what a translation lacks.

A field read in a language whose column is empty shows the default language's text (the
fallback of settings.MODELTRANSLATION_FALLBACK_LANGUAGES); pages mark such text with its own
`lang` attribute (WCAG 3.1.2), which `language_of` and `Text.language` tell them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Expression,
    F,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

M = TypeVar("M", bound=Model)


def current_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def localized(field: str, language: str | None = None) -> str:
    """The column of `field` in `language` (the current one by default): "title_ru"."""
    return build_localized_fieldname(field, language or current_language())


def is_filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def language_of(obj: Model, field: str, language: str | None = None) -> str:
    """The language `obj`'s `field` is shown in when read in `language`: that one when its
    column has text, else the default language (the fallback)."""
    language = language or current_language()
    if is_filled(getattr(obj, localized(field, language), None)):
        return language
    return settings.LANGUAGE_CODE


def has_text_in(fields: tuple[str, ...], language: str) -> Q:
    """Rows whose `fields` all have text in `language`."""
    condition = Q()
    for field in fields:
        condition &= Q(**{f"{localized(field, language)}__gt": ""})
    return condition


def is_empty_in(field: str, language: str | None = None) -> Q:
    """Rows without text in `field` in `language` (the default language by default)."""
    column = localized(field, language or settings.LANGUAGE_CODE)
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


@dataclass(frozen=True)
class Text:
    """A text with the language it is written in, for rows read once for every language (the
    header's): `{{ text }}` shows it, `text.language` marks it when it is not the page's."""

    value: str
    language: str

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


def pick(values: Mapping[str, str | None], language: str | None = None) -> Text:
    """The text of `language` among `values` (one per language code), else the default
    language's."""
    language = language or current_language()
    if is_filled(values.get(language)):
        return Text(str(values[language]), language)
    return Text(values.get(settings.LANGUAGE_CODE) or "", settings.LANGUAGE_CODE)


def columns(field: str) -> dict[str, str]:
    """The columns of `field` by language: {"en": "title_en", "ru": "title_ru"}."""
    return {code: localized(field, code) for code, _name in settings.LANGUAGES}


def with_fallback(field: str, language: str | None = None) -> tuple[Expression, Expression]:
    """A query's column of `field` in `language`, or the default language's where that one is
    empty (never NULL), and the code of the language it is in: for rows read with values()."""
    language = language or current_language()
    own = localized(field, language)
    default = settings.LANGUAGE_CODE
    if language == default:
        return Coalesce(F(own), Value(""), output_field=TextField()), Value(default, CharField())
    text = Coalesce(
        NullIf(F(own), Value("")),
        F(localized(field, default)),
        Value(""),
        output_field=TextField(),
    )
    text_language = Case(
        When(Q(**{f"{own}__gt": ""}), then=Value(language)),
        default=Value(default),
        output_field=CharField(),
    )
    return text, text_language


def text_of(obj: Model, field: str) -> Text:
    """`obj`'s `field` as the current language shows it, with the language it is in."""
    language = language_of(obj, field)
    return Text(getattr(obj, localized(field, language)) or "", language)


def as_written(queryset: QuerySet[M]) -> QuerySet[M]:
    """The queryset without django-modeltranslation's rewriting, for a query that names each
    language's columns itself: its values() would add and reorder columns (and break a UNION)."""
    rewrite = getattr(queryset, "rewrite", None)
    return rewrite(False) if rewrite else queryset
