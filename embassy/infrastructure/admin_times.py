"""Times as staff enter them in the admin: in hours and minutes.

Django's admin shows a time with its seconds ("09:30:00"), which nobody here sets: opening
hours, events and publications are to the minute. A ModelAdmin or inline with times mixes in
TimesAdmin; its time inputs, and the time half of its date-and-time inputs, show "09:30". Input
with seconds is still accepted (the fields parse the locale's formats, seconds included).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.contrib.admin import widgets
from django.db import models

TIME_FORMAT = "%H:%M"


class AdminTimeWidget(widgets.AdminTimeWidget):
    def __init__(self, attrs: dict[str, Any] | None = None, format: str = TIME_FORMAT) -> None:
        super().__init__(attrs, format)


class AdminSplitDateTime(widgets.AdminSplitDateTime):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets[1].format = TIME_FORMAT


class TimesAdmin:
    """Mixed into a ModelAdmin or an inline before Django's class."""

    formfield_overrides: ClassVar[Mapping[type[models.Field[Any, Any]], Mapping[str, Any]]] = {
        models.TimeField: {"widget": AdminTimeWidget},
        models.DateTimeField: {"widget": AdminSplitDateTime},
    }
