"""The visitors' forms of the newsroom: the archive's filters and the search box (both GET)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.conf import settings
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from news.lib.periods import FIRST_YEAR, LAST_YEAR, period_bounds
from news.lib.search_text import MAX_QUERY_LENGTH
from news.listing import KIND_CHOICES


class ArchiveFilters(forms.Form):
    """Kind, year and month of the archive. Every field is optional; a month needs a year."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *KIND_CHOICES]
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.Select(choices=[("", _("Any year"))]),
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any month")), *MONTHS.items()],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("month") and not cleaned.get("year"):
            self.add_error("month", _("Choose a year too, to see one month of it."))
        return cleaned

    def offer_years(self, years: list[int]) -> None:
        """Fill the year list with the years that have content (and the one asked for)."""
        asked = self.cleaned_data.get("year") if self.is_valid() else None
        if asked and asked not in years:
            years = sorted({*years, asked}, reverse=True)
        self.fields["year"].widget.choices = [("", _("Any year"))] + [(y, y) for y in years]

    def period(self) -> tuple[datetime, datetime] | None:
        year = self.cleaned_data.get("year")
        if not year:
            return None
        return period_bounds(year, self.cleaned_data.get("month"), settings.TIME_ZONE)

    @property
    def is_filtering(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the news"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
