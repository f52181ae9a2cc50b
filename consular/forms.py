"""The admin's inline formset for weekly hours: checks all of a contact point's ranges together."""

from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from consular.lib import hours
from consular.models import Weekday


class OpeningHoursFormSet(BaseInlineFormSet):
    """Refuses ranges of one day that overlap, among the rows as submitted (kept, changed or
    added), and names both rows in the error. The rows' own check against the saved rows is off
    here: it would see rows the same form is changing."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.check_saved_siblings = False
        return form

    def clean(self):
        super().clean()
        by_day: dict[int, list[hours.Range]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and self._should_delete_form(form)):
                continue
            if (
                data.get("weekday") is None
                or data.get("opens") is None
                or data.get("closes") is None
            ):
                continue
            opening = hours.Range(data["opens"], data["closes"])
            if opening.is_valid():
                by_day.setdefault(data["weekday"], []).append(opening)
        errors = [
            ValidationError(
                _("%(day)s: %(first)s overlaps %(second)s.")
                % {
                    "day": Weekday(weekday).label,
                    "first": hours.clock_range(first),
                    "second": hours.clock_range(second),
                },
                code="overlapping_hours",
            )
            for weekday, ranges in sorted(by_day.items())
            for first, second in hours.overlapping_pairs(ranges)
        ]
        if errors:
            raise ValidationError(errors)
