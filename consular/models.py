from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from consular.lib import hours
from embassy.infrastructure.caching import ContentQuerySet
from embassy.infrastructure.lib import timekeeping
from embassy.infrastructure.translation_state import TranslationState


class ContactPointQuerySet(ContentQuerySet):
    def for_header(self):
        """The contact point shown in every page's header (at most one: a constraint)."""
        return self.filter(in_header=True)

    def for_page(self, today: date) -> list[ContactPoint]:
        """Every contact point with what the consular page shows of it: four queries, however
        many contact points there are (numbers and weekly hours prefetched; the changes to the
        hours from the day before `today` on, the desk's own and the whole section's, read
        together)."""
        contact_points = cast(
            "list[ContactPoint]", list(self.prefetch_related("phone_numbers", "opening_hours"))
        )
        changes = HoursException.objects.filter(date__gte=today - timedelta(days=1)).filter(
            Q(contact_point__in=contact_points) | Q(contact_point__isnull=True)
        )
        everywhere: list[HoursException] = []
        own: dict[int, list[HoursException]] = {}
        for change in changes:
            if change.contact_point_id is None:
                everywhere.append(change)
            else:
                own.setdefault(change.contact_point_id, []).append(change)
        for contact_point in contact_points:
            section = everywhere if contact_point.follows_section_changes else []
            contact_point.known_exceptions = overlay(section, own.get(contact_point.pk, []))
        return contact_points


class ContactPoint(TranslationState):
    """A way to reach the consular section: "Consular queries", "Visas", "Passports", …"""

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    follows_section_changes = models.BooleanField(
        _("follows the section's changes to its hours"),
        default=True,
        help_text=_(
            "The changes entered for every desk (a public holiday) apply to this one too. "
            "Untick for a line that stays open then, such as emergency assistance."
        ),
    )
    in_header = models.BooleanField(
        _("shown in the header"),
        default=False,
        help_text=_("At most one contact point is shown in the header of every page."),
    )

    objects = ContactPointQuerySet.as_manager()
    # Its changes to the hours, when ContactPoint.objects.for_page read them (day_exceptions).
    known_exceptions: list[HoursException] | None = None

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        constraints = [
            models.UniqueConstraint(
                fields=["in_header"],
                condition=models.Q(in_header=True),
                name="one_header_contact_point",
                violation_error_message=_("Another contact point is already shown in the header."),
            )
        ]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self) -> str:
        return f"{reverse('consular:index')}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"contact-point-{self.pk}"

    def get_vcard_url(self) -> str:
        return reverse("consular:vcard", kwargs={"pk": self.pk})

    def day_exceptions(self) -> list[HoursException]:
        """The changes to its usual hours by date: its own, and the whole section's on the
        other dates. No query when read by ContactPoint.objects.for_page, else one."""
        known = self.known_exceptions
        if known is None:
            section = Q(contact_point=None) if self.follows_section_changes else Q(pk__in=[])
            changes = HoursException.objects.filter(Q(contact_point=self) | section)
            known = overlay(
                [change for change in changes if change.contact_point_id is None],
                [change for change in changes if change.contact_point_id is not None],
            )
        return known

    def schedule(self) -> hours.Schedule:
        """The weekly hours and exceptions as plain data. No query when they were read by
        ContactPoint.objects.for_page, else two."""
        weekly: dict[int, list[hours.Range]] = {}
        for opening in self.opening_hours.all():
            weekly.setdefault(opening.weekday, []).append(opening.as_range())
        exceptions = {exception.date: exception.ranges() for exception in self.day_exceptions()}
        return hours.Schedule(weekly=weekly, exceptions=exceptions)

    def status(self, now: datetime) -> hours.Status:
        return hours.status(self.schedule(), now, timekeeping.zone(settings.TIME_ZONE))


class PhoneNumber(models.Model):
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.CASCADE,
        related_name="phone_numbers",
        verbose_name=_("contact point"),
    )
    number = PhoneNumberField(
        _("number"),
        help_text=_(
            "A number in the host country as it is dialled there (020 7946 0321), any other "
            "with + and its country code (+7 495 000 00 00)."
        ),
    )
    label = models.CharField(_("label"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self):
        return self.display

    @property
    def tel_uri_number(self) -> str:
        """The number as a tel: link wants it: E.164, "+442079460321"."""
        return self.number.as_e164

    @property
    def display(self) -> str:
        """As a visitor in the host country dials it: national format for its numbers
        ("020 7946 0321"), international for any other ("+7 495 …")."""
        if self.number.country_code == _host_country_code():
            return self.number.as_national
        return self.number.as_international


def _host_country_code() -> int:
    return phonenumbers.country_code_for_region(settings.PHONENUMBER_DEFAULT_REGION)


class Weekday(models.IntegerChoices):
    # date.weekday()'s numbering, so the plain hours module needs no translation table.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


MIDNIGHT_HELP = _("In the host city's time. A closing time of 00:00 means midnight.")


def validate_range(opens, closes, *, field: str = "closes") -> None:
    if opens is not None and closes is not None and not hours.Range(opens, closes).is_valid():
        raise ValidationError(
            {field: _("The closing time must be after the opening time.")},
            code="closes_before_opens",
        )


class OpeningHours(models.Model):
    """One opening of a contact point on a weekday; a day may have several (09:30-12:30 and
    14:00-17:00)."""

    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("contact point"),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"), help_text=MIDNIGHT_HELP)
    closes = models.TimeField(_("closes"))

    # The admin's inline checks all of a contact point's rows together, as submitted; a row
    # checked alone against the saved rows would clash with rows being changed in the same form.
    check_saved_siblings = True

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "opens", "pk"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {hours.clock_range(self.as_range())}"

    def as_range(self) -> hours.Range:
        return hours.Range(self.opens, self.closes)

    def clean(self):
        super().clean()
        validate_range(self.opens, self.closes)
        if (
            self.check_saved_siblings
            and self.contact_point_id is not None
            and self.weekday is not None
            and self.opens is not None
            and self.closes is not None
        ):
            siblings = OpeningHours.objects.filter(
                contact_point_id=self.contact_point_id, weekday=self.weekday
            ).exclude(pk=self.pk)
            for sibling in siblings:
                if sibling.as_range().overlaps(self.as_range()):
                    raise ValidationError(
                        _("These hours overlap %(other)s.") % {"other": sibling},
                        code="overlapping_hours",
                    )


def overlay(everywhere: list[HoursException], own: list[HoursException]) -> list[HoursException]:
    """The whole section's changes, replaced on a date by a desk's own, in date order."""
    by_date = {change.date: change for change in everywhere}
    by_date.update({change.date: change for change in own})
    return [by_date[day] for day in sorted(by_date)]


class HoursException(models.Model):
    """A date on which a contact point, or every one (no contact point: a public holiday),
    keeps other hours than usual: closed all day (no times) or open for the given range only.
    A desk's own change wins over the whole section's on the same date."""

    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exceptions",
        verbose_name=_("contact point"),
        help_text=_("Empty: every desk of the section, e.g. on a public holiday."),
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(
        _("opens"), null=True, blank=True, help_text=_("Leave both times empty: closed all day.")
    )
    closes = models.TimeField(_("closes"), null=True, blank=True, help_text=MIDNIGHT_HELP)
    reason = models.CharField(_("reason"), max_length=200, help_text=_("Shown to visitors."))

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("change to the usual hours")
        verbose_name_plural = _("changes to the usual hours")
        constraints = [
            models.UniqueConstraint(
                fields=["contact_point", "date"],
                name="one_hours_exception_per_day",
                violation_error_message=_(
                    "This contact point already has a change to its hours on that date."
                ),
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(contact_point__isnull=True),
                name="one_section_wide_hours_exception_per_day",
                violation_error_message=_(
                    "The whole section already has a change to its hours on that date."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.hours_text}"

    @property
    def hours_text(self) -> str:
        """ "closed", or the hours kept that day: "09:30 to 12:00"."""
        return str(_("closed")) if self.is_closed else hours.clock_range(self.ranges()[0])

    @property
    def is_closed(self) -> bool:
        return self.opens is None

    def ranges(self) -> list[hours.Range]:
        if self.opens is None or self.closes is None:  # closed (clean() allows both or neither)
            return []
        return [hours.Range(self.opens, self.closes)]

    def clean(self):
        super().clean()
        if (self.opens is None) != (self.closes is None):
            field = "closes" if self.closes is None else "opens"
            raise ValidationError(
                {
                    field: _(
                        "Give both the opening and the closing time, or neither for a day "
                        "closed all day."
                    )
                },
                code="half_a_range",
            )
        validate_range(self.opens, self.closes)


class Level(models.TextChoices):
    INFORMATION = "information", _("Information")
    URGENT = "urgent", _("Urgent")


class NoticeQuerySet(ContentQuerySet):
    def not_ended(self, now: datetime):
        """Notices current now or later: what the header caches and filters per request."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))

    def current(self, now: datetime):
        """Notices shown at `now`: started, and not yet ended."""
        return self.not_ended(now).filter(starts_at__lte=now)

    def urgent(self):
        return self.filter(level=Level.URGENT)


class Notice(TranslationState):
    """A dated announcement of the consular section: a closure, a change of procedure. It shows
    on the consular page from its start to its end; an urgent one on every page as well."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), help_text=_("Plain text; a blank line starts a paragraph."))
    starts_at = models.DateTimeField(
        _("shown from"),
        default=timezone.now,
        help_text=_("A time in the future: the notice appears by itself then."),
    )
    ends_at = models.DateTimeField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("Empty: shown until removed. The notice disappears by itself at this time."),
    )
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=Level.choices,
        default=Level.INFORMATION,
        help_text=_("An urgent notice is also shown as a banner on every page of the site."),
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "pk"]
        get_latest_by = "starts_at"
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        # embassy.editorial: approve and publish (the consular section's publishers).
        permissions = [("publish_notice", _("Can approve and publish notices"))]
        indexes = [
            # The consular page and the header read the notices not yet ended.
            models.Index(fields=["ends_at"], name="notice_ends_at_idx"),
        ]

    def __str__(self):
        return str(self.title)

    def get_absolute_url(self) -> str:
        return f"{reverse('consular:index')}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"notice-{self.pk}"

    @property
    def is_urgent(self) -> bool:
        return self.level == Level.URGENT

    def is_current(self, now: datetime | None = None) -> bool:
        return timekeeping.is_within(now or timezone.now(), self.starts_at, self.ends_at)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The end must be after the start.")}, code="ends_before_start"
            )
