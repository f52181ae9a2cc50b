"""Validators the apps' models share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure.lib import timekeeping


def validate_time_zone(value: str) -> None:
    if not timekeeping.is_known_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use an IANA name such as Europe/Moscow."),
            code="unknown_time_zone",
            params={"value": value},
        )
