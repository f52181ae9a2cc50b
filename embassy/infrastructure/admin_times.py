"""Times as staff enter them in the admin: in hours and minutes, in the host city's zone.

Django's admin shows a time with its seconds ("09:30:00"), which nobody here sets: opening
hours, events and publications are to the minute. A ModelAdmin or inline with times mixes in
TimesAdmin; its time inputs, and the time half of its date-and-time inputs, show "09:30". Input
with seconds is still accepted (the fields parse the locale's formats, seconds included).
The fields it lists in `zoned_fields` say in their help text which zone the time is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.contrib.admin import widgets
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

TIME_FORMAT = "%H:%M"


class AdminTimeWidget(widgets.AdminTimeWidget):
    def __init__(self, attrs: dict[str, Any] | None = None, format: str = TIME_FORMAT) -> None:
        super().__init__(attrs, format)


class AdminSplitDateTime(widgets.AdminSplitDateTime):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets[1].format = TIME_FORMAT


def name_parts(widget: widgets.AdminSplitDateTime, label: str) -> None:
    """Django's label of a date-and-time field points at neither input, which read "Date:"
    and "Time:" as plain text: each input is named after the field and its part."""
    date_input, time_input = widget.widgets
    date_input.attrs["aria-label"] = _("%(field)s: date") % {"field": label}
    time_input.attrs["aria-label"] = _("%(field)s: time") % {"field": label}


def time_zone_note() -> str:
    """Names the zone staff enter times in, with its offset from UTC today."""
    offset = timezone.localtime().strftime("%z")
    return _("Times are in %(zone)s time (UTC%(offset)s today).") % {
        "zone": timezone.get_current_timezone_name(),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


class TimesAdmin:
    """Mixed into a ModelAdmin or an inline before Django's class."""

    # Fields whose help text names the time zone the time is entered in.
    zoned_fields: ClassVar[list[str]] = []

    formfield_overrides: ClassVar[Mapping[type[models.Field[Any, Any]], Mapping[str, Any]]] = {
        models.TimeField: {"widget": AdminTimeWidget},
        models.DateTimeField: {"widget": AdminSplitDateTime},
    }

    def formfield_for_dbfield(self, db_field: models.Field[Any, Any], request: Any, **kwargs: Any):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None and isinstance(formfield.widget, widgets.AdminSplitDateTime):
            name_parts(formfield.widget, str(formfield.label))
        if db_field.name in self.zoned_fields and formfield is not None:
            formfield.help_text = " ".join(
                filter(None, [str(formfield.help_text), time_zone_note()])
            )
        return formfield
