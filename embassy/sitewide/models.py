from django.apps import apps
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
        # embassy.editorial: approve and publish (every page shows it).
        permissions = [("publish_clock", _("Can approve and publish clocks"))]

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
        permissions = [
            ("publish_incidentcounter", _("Can approve and publish incident day counters"))
        ]

    def __str__(self):
        return str(self.event_name)

    def clean(self):
        super().clean()
        if self.event_date and self.event_date > timezone.localdate():
            raise ValidationError(
                {"event_date": _("The date of the event cannot be in the future.")},
                code="future_date",
            )


class RedirectQuerySet(ContentQuerySet):
    def moved(self, old_path: str, new_path: str, target: models.Model | None = None) -> None:
        """Record that the page at `old_path` is now at `new_path` (paths in the default
        language). Chains collapse: what led to `old_path` leads to `new_path`; a redirect from
        `new_path` goes, since a page lives there again."""
        if old_path == new_path:
            return
        self.filter(new_path=old_path).update(new_path=new_path)
        self.filter(old_path=new_path).delete()
        self.update_or_create(
            old_path=old_path,
            defaults={
                "new_path": new_path,
                "target_model": target._meta.label_lower if target is not None else "",
                "target_id": target.pk if target is not None else None,
            },
        )


def validate_site_path(value: str) -> None:
    if not value.startswith("/") or value.startswith("//") or not value.isprintable():
        raise ValidationError(
            _("Give an address of this site, starting with /, such as /news/events/visit/."),
            code="not_a_site_path",
        )


class Redirect(models.Model):
    """An old address of a page and where the page is now: answered with 301 in every language.
    Made by itself when the address of an article or event changes; staff may add others."""

    old_path = models.CharField(
        _("old address"),
        max_length=300,
        unique=True,
        validators=[validate_site_path],
        help_text=_("As it was, without the language: /news/2022/06/28/old-title/."),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=300,
        validators=[validate_site_path],
        help_text=_("Where visitors are sent, in the language they asked for."),
    )
    # The item the redirect leads to, when it was made by itself: never followed while that
    # item is not public (a draft's address is nobody's business).
    target_model = models.CharField(max_length=100, blank=True, editable=False)  # "news.article"
    target_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        super().clean()
        if self.old_path and self.old_path == self.new_path:
            raise ValidationError(
                {"new_path": _("The new address must differ from the old one.")}, code="loop"
            )

    @property
    def is_made_by_itself(self) -> bool:
        return bool(self.target_model)

    @property
    def leads_to_a_public_page(self) -> bool:
        """Staff's redirects always; one made by itself while visitors may reach its item (one
        query: the item's QuerySet says what they reach, with `reachable()`)."""
        if not self.target_model:
            return True
        model = apps.get_model(self.target_model)
        target = model._default_manager.filter(pk=self.target_id)
        reachable = getattr(target, "reachable", None)
        return (reachable() if reachable is not None else target).exists()
