"""The admin's forms and lists for content in every language (django-modeltranslation): each
translated field appears once per language, next to each other ("Title [en]", "Title [ru]"),
the default language's required, the others optional. Each input says its language (`lang`),
so a screen reader reads it, and a browser checks its spelling, in that language (WCAG 3.1.2).
Searching an admin list finds a word in any language, whichever language the staff member works
in. A model that keeps its translations' state (translation_state.TranslationState) gets a
"translations" column and filter, and an outdated item's form shows what changed in the original
since it was translated (admin_translation_state)."""

from __future__ import annotations

from django.conf import settings
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from embassy.infrastructure.admin_translation_state import TranslationStateAdmin


class LanguageOfInputs:
    """Marks each translation's input with its language."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, TranslationField):
            field.widget.attrs["lang"] = db_field.language
        return field


def search_in_every_language(model, search_fields) -> list[str]:
    """The search fields with each translated one searched in every language's column."""
    translated = translator.get_options_for_model(model).all_fields
    expanded: list[str] = []
    for name in search_fields:
        field, _sep, lookup = name.partition("__")
        if field in translated:
            expanded.extend(
                build_localized_fieldname(field, code) + (f"__{lookup}" if lookup else "")
                for code, _name in settings.LANGUAGES
            )
        else:
            expanded.append(name)
    return expanded


class TranslatedAdmin(TranslationStateAdmin, LanguageOfInputs, TranslationAdmin):
    class Media:
        css = {"all": ["css/admin-translations.css"]}
        # Each translation's rich-text editor named by its label ("Body [ru]").
        js = ["js/admin-editor-names.js"]

    def get_search_fields(self, request):
        return search_in_every_language(self.model, super().get_search_fields(request))


class TranslatedTabularInline(LanguageOfInputs, TranslationTabularInline):
    pass


class TranslatedStackedInline(LanguageOfInputs, TranslationStackedInline):
    pass
