"""What staff see of the state of each translation (translation_state), in every admin of a
translated model (TranslatedAdmin mixes this in):

- a "translations" column ("Russian: outdated") and a filter by language and status (missing,
  outdated, up to date), read from the row: no query per row;
- on the form of an item with an outdated translation, first, what changed in the original
  since that translation was saved, field by field (removed and added lines, marked as such in
  words for screen readers, not by colour alone), and a tick box per language to mark a
  translation that needs no change as up to date. Saving a change to the translation marks it up
  to date as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure import translation_state
from embassy.infrastructure.lib.text_diff import Line
from embassy.infrastructure.translation_state import Status, TranslationState

CHANGES_FIELD = "changes_to_translate"
CHECKED_FIELD = "translations_checked"


def language_name(code: str) -> str:
    """The language's name in the language the admin is shown in: "Russian", "русский"."""
    return str(get_language_info(code)["name_translated"])


def tracks_state(model: type) -> bool:
    return issubclass(model, TranslationState)


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{language}:{status.value}", f"{language_name(language)}: {status.label}")
            for language in translation_state.other_languages()
            for status in Status
        ]

    def queryset(self, request, queryset):
        language, _sep, status = (self.value() or "").partition(":")
        if language not in translation_state.other_languages() or status not in Status.values:
            return queryset
        return queryset.filter(translation_state.conditions(queryset.model, language)[status])


def _line(line: Line, language: str) -> SafeString:
    if line.kind == "skipped":
        return format_html('<p class="diff-skipped">{}</p>', _("(unchanged text left out)"))
    if line.kind == "same":
        return format_html('<p class="diff-same" lang="{}">{}</p>', language, line.text)
    tag, label = ("del", _("Removed:")) if line.kind == "removed" else ("ins", _("Added:"))
    return format_html(
        '<p class="diff-{}"><{}><span class="visually-hidden">{} </span>'
        '<span lang="{}">{}</span></{}></p>',
        line.kind,
        tag,
        label,
        language,
        line.text,
        tag,
    )


def render_changes(obj: TranslationState) -> SafeString:
    """What changed in the original of each outdated translation, as HTML: a heading per
    language, then per field."""
    default = settings.LANGUAGE_CODE
    parts = []
    for language in translation_state.other_languages():
        if not obj.is_outdated_in(language):
            continue
        parts.append(format_html("<h3>{}</h3>", language_name(language).capitalize()))
        for field, lines in obj.source_changes(language):
            label = getattr(type(obj)._meta.get_field(field), "verbose_name", field)
            parts.append(
                format_html(
                    '<h4>{}</h4><div class="source-diff">{}</div>',
                    str(label).capitalize(),
                    format_html_join("", "{}", ((_line(line, default),) for line in lines)),
                )
            )
    return format_html_join("", "{}", ((part,) for part in parts))


if TYPE_CHECKING:
    _Base = admin.ModelAdmin
else:
    _Base = object


class TranslationStateAdmin(_Base):
    """The column, filter and form additions of the module docstring, for a ModelAdmin of a
    model with a TranslationState (and nothing for any other)."""

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        return [*list_display, "translations"] if tracks_state(self.model) else list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        return [*list_filter, TranslationFilter] if tracks_state(self.model) else list_filter

    @admin.display(description=_("translations"))
    def translations(self, obj: TranslationState) -> SafeString:
        return format_html_join(
            mark_safe("<br>"),
            "{}: {}",
            (
                (language_name(language), obj.translation_status(language).label)
                for language in translation_state.other_languages()
            ),
        )

    @staticmethod
    def _outdated(obj: Any) -> list[str]:
        if obj is None or not tracks_state(type(obj)):
            return []
        return [code for code in translation_state.other_languages() if obj.is_outdated_in(code)]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, CHANGES_FIELD] if self._outdated(obj) else readonly

    @admin.display(description=_("what changed"))
    def changes_to_translate(self, obj: TranslationState) -> SafeString:
        return render_changes(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        outdated = self._outdated(obj)
        if outdated and self.has_change_permission(request, obj):
            base = kwargs.get("form", self.form)
            checked = forms.MultipleChoiceField(
                label=_("Translations that need no change"),
                choices=[(code, language_name(code).capitalize()) for code in outdated],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_(
                    "Tick a translation that still says what the original says: saving marks it "
                    "up to date. Saving a change to a translation does so as well."
                ),
            )
            kwargs["form"] = type(base.__name__, (base,), {CHECKED_FIELD: checked})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        added = (CHANGES_FIELD, CHECKED_FIELD)
        fieldsets = [
            (name, {**options, "fields": _without(options["fields"], added)})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if not self._outdated(obj):
            return fieldsets
        # Staff who may only view the item see the changes, with no tick box.
        may_change = self.has_change_permission(request, obj)
        changes = (
            _("Changes to the original since it was translated"),
            {
                "fields": list(added) if may_change else [CHANGES_FIELD],
                "description": _(
                    "The original text as it was when each translation was last saved, compared "
                    "with the text now: removed lines are struck through, added lines underlined."
                ),
            },
        )
        return [changes, *fieldsets]

    def save_model(self, request, obj, form, change):
        for language in form.cleaned_data.get(CHECKED_FIELD, []):
            obj.mark_up_to_date(language)
        super().save_model(request, obj, form, change)


def _without(fields: Any, names: tuple[str, ...]) -> list:
    """A fieldset's fields (names, or tuples of names on one line) without `names`."""
    kept: list = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            line = [name for name in field if name not in names]
            if line:
                kept.append(tuple(line))
        elif field not in names:
            kept.append(field)
    return kept
