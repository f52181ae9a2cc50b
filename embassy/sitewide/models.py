from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure.caching import ContentQuerySet
from embassy.infrastructure.translation_state import TranslationState
from embassy.infrastructure.validators import validate_time_zone


class Clock(TranslationState):
    """A city whose local time the header shows."""

    city = models.CharField(_("city"), max_length=60)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name, such as Europe/Moscow or Europe/London."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")

    def __str__(self):
        return f"{self.city} ({self.time_zone})"


class IncidentCounterQuerySet(ContentQuerySet):
    def shown(self):
        return self.filter(is_shown=True)


class IncidentCounter(TranslationState):
    """Days passed since an event, shown under the header: "1577 days have passed since …"."""

    event_name = models.CharField(
        _("event"),
        max_length=200,
        help_text=_("As it reads after “since”, e.g. “the Salisbury incident”."),
    )
    event_date = models.DateField(_("date of the event"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_shown = models.BooleanField(_("shown"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IncidentCounterQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("incident day counter")
        verbose_name_plural = _("incident day counters")

    def __str__(self):
        return str(self.event_name)

    def clean(self):
        super().clean()
        if self.event_date and self.event_date > timezone.localdate():
            raise ValidationError(
                {"event_date": _("The date of the event cannot be in the future.")},
                code="future_date",
            )
