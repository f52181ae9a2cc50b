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
    # The label of the field it is the input of (TimesAdmin sets it).
    field_label = ""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets[1].format = TIME_FORMAT

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        """Each input named by its part and its field's label (Django writes "Date:" beside
        it, not as its label): "Publication time: date"."""
        context = super().get_context(name, value, attrs)
        label = self.field_label
        for subwidget, part in zip(
            context["widget"]["subwidgets"], (_("date"), _("time")), strict=True
        ):
            subwidget["attrs"]["aria-label"] = f"{label}: {part}" if label else part
        return context


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
        if formfield is not None and isinstance(formfield.widget, AdminSplitDateTime):
            formfield.widget.field_label = str(formfield.label or db_field.verbose_name)
        if db_field.name in self.zoned_fields and formfield is not None:
            formfield.help_text = " ".join(
                filter(None, [str(formfield.help_text), time_zone_note()])
            )
        return formfield
