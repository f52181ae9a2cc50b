from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThanOrEqual, In, LessThanOrEqual
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure import translated
from embassy.infrastructure.caching import ContentQuerySet
from embassy.infrastructure.translation_state import TranslationState
from embassy.infrastructure.validators import validate_time_zone
from embassy.sitewide.models import Redirect
from news import pictures
from news.editor import RichTextField
from news.lib.periods import event_span
from news.sanitize import sanitize_html


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Likelihood(models.Func):
    """A condition with the share of rows that meet it. On SQLite `likelihood(condition, p)`:
    its planner, which has no statistics unless someone runs ANALYZE, otherwise guesses, and
    picks the wrong index (sorting a whole table to find ten rows). Elsewhere the condition as
    it is: PostgreSQL keeps statistics of its own."""

    output_field = models.BooleanField()

    def __init__(self, condition, probability: float):
        super().__init__(condition)
        self.probability = probability

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"likelihood({sql}, {float(self.probability)!r})", params


# Most published items' time has come; few events are still to come.
MOST, FEW = 0.9375, 0.0625


def shown_in(language: str) -> Q | None:
    """The condition of PublishableQuerySet.in_language(); None for the default language."""
    if language == settings.LANGUAGE_CODE:
        return None
    return translated.has_text_in(("title",), language) & (
        translated.has_text_in(("body",), language) | translated.is_empty_in("body")
    )


class PublishableQuerySet(ContentQuerySet):
    def published(self, now=None):
        """Items a visitor may see: published, with a publication time that has come."""
        has_come = LessThanOrEqual(F("published_at"), now or timezone.now())
        is_published = Exact(F("status"), Status.PUBLISHED)
        return self.filter(Likelihood(is_published, MOST), Likelihood(has_come, MOST))

    def reachable(self, now=None):
        """Items visitors may reach at their address now (the redirects made by themselves
        lead only there): the published ones."""
        return self.published(now)

    def in_language(self, language: str | None = None):
        """Items a visitor reading `language` (the current one by default) is shown: those with
        a title and a body in it (or no body in any). Every item is in the default language."""
        condition = shown_in(language or translated.current_language())
        return self if condition is None else self.filter(condition)

    def visible(self, now=None, language: str | None = None):
        """What visitors are shown in a language: published and translated into it (without
        the copy of the original kept for the translators, which no page shows)."""
        return self.published(now).in_language(language).defer("translation_sources")

    # The bulk writes skip save(): these sanitize bodies as save() does (ContentQuerySet makes
    # the cached pages out of date). New pictures need save().
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            if obj.image and not pictures.is_processed(obj.image):
                raise ValueError("bulk_create() cannot store pictures: save() each item.")
            obj.sanitize_bodies()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.sanitize_bodies()
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        for name in rich_text_fields(self.model):
            if isinstance(kwargs.get(name), str):
                kwargs[name] = sanitize_html(kwargs[name])
        return super().update(**kwargs)


def rich_text_fields(model) -> list[str]:
    """The names of the model's rich-text columns: `body` and its translations (body_en, …)."""
    return [
        field.attname for field in model._meta.concrete_fields if isinstance(field, RichTextField)
    ]


SLUG_TAKEN = _("Another item already uses this slug. Change it, e.g. by adding the date.")


class Publishable(TranslationState):
    """What articles and events share: a title, a slug, a status and a publication time."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        error_messages={"unique": SLUG_TAKEN},
        help_text=_("The last part of the item's web address: lower-case letters, digits, -."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A time in the future schedules the item: it appears by itself then."),
    )
    body = RichTextField(_("body"), blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    image = pictures.PictureField(
        _("image"),
        upload_to="images/%Y/%m/",
        blank=True,
        help_text=_("JPEG, PNG or WebP. Location and camera data are removed when it is saved."),
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for visitors who cannot see it. Required with a picture."
        ),
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    # The stored picture and its renditions (see news.pictures); written by save() only.
    image_renditions = models.JSONField(_("image renditions"), default=dict, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.title)

    # The fields its address is made of (get_absolute_url).
    ADDRESS_FIELDS: ClassVar[tuple[str, ...]] = ("slug",)
    # What save() reads of the stored row besides its address: the picture a save may replace.
    STORED_FIELDS: ClassVar[tuple[str, ...]] = ("image_renditions",)

    def save(self, *args, **kwargs):
        """Sanitizes the bodies and stores a new picture with its renditions, whoever calls it.
        A save that may change the address or the picture reads the stored row first (one
        query): the replaced picture's files go, and an old address leads to the new one."""
        update_fields = kwargs.get("update_fields")
        reads = update_fields is None or bool(set(update_fields) & {*self.ADDRESS_FIELDS, "image"})
        stored = self.stored_row() if reads else None
        replaced = stored.image_renditions if stored is not None else None
        self.store(*args, replaced=replaced, **kwargs)
        if stored is not None:
            self.saved_over(stored)

    def saved_over(self, stored: Publishable) -> None:
        """After a save over `stored` (the row as it was): its old address leads to the new."""
        Redirect.objects.moved(stored.address(), self.address(), target=self)

    def get_absolute_url(self) -> str:
        raise NotImplementedError

    def store(self, *args, replaced: dict | None = None, **kwargs):
        """The row's save, with the bodies sanitized and a new picture stored; `replaced` is
        the stored row's picture record when save() read it."""
        self.sanitize_bodies()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "image" not in update_fields:
            return super().save(*args, **kwargs)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "image_renditions"}
        with pictures.stored_picture(self, replaced=replaced):
            super().save(*args, **kwargs)
        self.__dict__.pop("picture", None)  # the cached renditions of the previous picture

    def address(self) -> str:
        """Its address in the default language, as redirects keep addresses."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.get_absolute_url()

    def stored_row(self) -> Publishable | None:
        """The row as saved, its address and STORED_FIELDS only (one query), or None for an
        item not saved yet."""
        if self._state.adding or self.pk is None:
            return None
        rows = type(self).objects.filter(pk=self.pk)
        return rows.only(*self.ADDRESS_FIELDS, *self.STORED_FIELDS).first()

    def keep_new_files(self) -> None:
        """Store a new picture now, without saving the row: a change waiting for publication
        (embassy.editorial) carries the stored picture, which the row takes when it is
        published."""
        pictures.store_now(self)

    def sanitize_bodies(self) -> None:
        """Each language's body, read and written as stored: never the translation layer's
        `body`, which would fill an empty translation with the default language's text."""
        for name in rich_text_fields(type(self)):
            value = self.__dict__.get(name)
            if isinstance(value, str):
                self.__dict__[name] = sanitize_html(value)

    def clean(self):
        super().clean()
        if self.image and not (self.image_alt or "").strip():
            # On the default language's field: the admin's form has one per language.
            field = translated.localized("image_alt", settings.LANGUAGE_CODE)
            raise ValidationError(
                {field: _("Describe the picture: alt text is required with a picture.")}
            )

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    def is_in_language(self, language: str | None = None) -> bool:
        """Whether visitors reading `language` are shown this item (in_language, for one)."""
        language = language or translated.current_language()
        if language == settings.LANGUAGE_CODE:
            return True
        body = getattr(self, translated.localized("body", language))
        default_body = getattr(self, translated.localized("body", settings.LANGUAGE_CODE))
        return translated.is_filled(getattr(self, translated.localized("title", language))) and (
            translated.is_filled(body) or not translated.is_filled(default_body)
        )

    def languages(self) -> list[str]:
        """The site's languages visitors are shown this item in."""
        return [code for code, _name in settings.LANGUAGES if self.is_in_language(code)]

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    @cached_property
    def picture(self) -> pictures.Picture | None:
        """The responsive renditions for templates/includes/picture.html; no query."""
        return pictures.picture_of(self.image_renditions, self.image.storage)


class Kind(models.TextChoices):
    SPEECH = "speech", _("Speech")
    INTERVIEW = "interview", _("Interview")
    ARTICLE = "article", _("Article")
    STATEMENT = "statement", _("Statement")
    PRESS_RELEASE = "press-release", _("Press release")
    COMMENT = "comment", _("Comment")


# The home page's "Speeches, interviews, articles" section.
HOME_KINDS = [Kind.SPEECH, Kind.INTERVIEW, Kind.ARTICLE]


class ArticleQuerySet(PublishableQuerySet):
    def home_featured(self, now=None):
        """The featured item of the home page: the newest featured one of the home kinds, else
        the newest of those kinds. One query; None when there is none."""
        candidates = self.visible(now).filter(Likelihood(In(F("kind"), HOME_KINDS), MOST))
        return candidates.order_by("-is_featured", "-published_at", "-pk").first()


class Article(Publishable):
    """A speech, interview, article, statement, press release or comment."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    delivered_on = models.DateField(
        _("delivered on"),
        null=True,
        blank=True,
        help_text=_("When it differs from the publication date, e.g. the day a speech was given."),
    )
    delivered_at = models.CharField(
        _("delivered at"), max_length=120, blank=True, help_text=_("Place, e.g. Yerevan.")
    )
    lead = models.TextField(_("lead"), blank=True)
    is_featured = models.BooleanField(
        _("featured"),
        default=False,
        # HOME_KINDS, in words.
        help_text=_(
            "Shown at the top of the home page (the newest featured item). Only a speech, an "
            "interview or an article can be featured: on other kinds the tick has no effect."
        ),
    )

    objects: ClassVar = ArticleQuerySet.as_manager()  # overrides Publishable's ClassVar
    ADDRESS_FIELDS = ("slug", "published_at")

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # embassy.editorial: approve and publish (a second pair of eyes).
        permissions = [("publish_article", _("Can approve and publish articles"))]
        indexes = [
            # The archive and the feeds: published items in the press feed's full order (newest
            # first, news.listing.ORDERING), so that its keys can be read from the index alone.
            models.Index(
                fields=["status", "-published_at", "-kind", "-id"], name="article_feed_idx"
            ),
            # The archive and feeds of one kind, in the same order.
            models.Index(
                fields=["kind", "status", "-published_at", "-id"], name="article_kind_idx"
            ),
            # The home page's featured item (the newest featured one, else the newest): its full
            # order, so the first row found is the one.
            models.Index(
                fields=["status", "-is_featured", "-published_at", "-id"], name="article_home_idx"
            ),
        ]

    def get_absolute_url(self):
        local = timezone.localtime(self.published_at)
        return reverse(
            "news:article",
            kwargs={
                "year": local.year,
                "month": f"{local.month:02d}",
                "day": f"{local.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_featured_in_vain(self) -> bool:
        """Ticked "featured" on a kind the home page never features."""
        return self.is_featured and self.kind not in HOME_KINDS


def offset_text(moment) -> str:
    """ "+04:30" for an aware datetime, "" for a date or None."""
    if not isinstance(moment, datetime):
        return ""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def last_day():
    """An event's last day: its end date, or its date when it lasts one day."""
    return Coalesce("ends_on", "starts_on")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, today=None):
        """Events not over: starting today or later, or still going on (event_last_day_idx)."""
        today = today or timezone.localdate()
        return self.filter(Likelihood(GreaterThanOrEqual(last_day(), today), FEW))

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.filter(starts_on__lt=today).exclude(ends_on__gte=today)

    def latest_first(self):
        return self.order_by("-starts_on", "-starts_at", "-pk")


class Event(Publishable):
    """An event listing: a visit, a meeting, a news conference."""

    starts_on = models.DateField(_("date"))
    starts_at = models.TimeField(
        _("time"), null=True, blank=True, help_text=_("In the event's time zone (below).")
    )
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "For an event abroad, the IANA name of its zone, such as Asia/Tehran. Empty: the "
            "host city's time."
        ),
    )
    teaser = models.TextField(_("teaser"), blank=True)

    objects: ClassVar = EventQuerySet.as_manager()  # overrides Publishable's ClassVar

    class Meta:
        ordering = ["-starts_on", "-starts_at", "-pk"]
        get_latest_by = "starts_on"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can approve and publish events"))]
        indexes = [
            # Latest events on the home page and the past events list, in their full order.
            models.Index(
                fields=["status", "-starts_on", "-starts_at", "-id"], name="event_latest_idx"
            ),
            # The archive, merged with the articles in the press feed's order, and the feeds.
            models.Index(fields=["status", "-published_at", "-id"], name="event_feed_idx"),
            # Upcoming events.
            models.Index(F("status"), last_day(), name="event_last_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the date."),
            )
        ]

    def get_absolute_url(self):
        return reverse("news:event", kwargs={"slug": self.slug})

    @property
    def zone_name(self) -> str:
        """The zone its times are in: its own, else the host city's."""
        return self.time_zone or settings.TIME_ZONE

    def span(self):
        """Its start and end (news.lib.periods.event_span) in its zone."""
        return event_span(
            self.starts_on, self.starts_at, self.ends_on, self.ends_at, self.zone_name
        )

    @property
    def utc_offset(self) -> str:
        """ "+04:30": the offset of its zone at its start, shown beside its time."""
        return offset_text(self.span()[0])

    @property
    def end_utc_offset(self) -> str:
        """The offset at its end, which differs across a change to or from summer time."""
        return offset_text(self.span()[1])

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date cannot be before the date.")}, code="ends_before"
            )
        same_day = self.ends_on is None or self.ends_on == self.starts_on
        if same_day and self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError(
                {"ends_at": _("The end time cannot be before the time on the same day.")},
                code="ends_before",
            )


@receiver(post_delete, sender=Article)
@receiver(post_delete, sender=Event)
def delete_picture_files(sender, instance, **kwargs):
    """A deleted item's picture files go with it, once the deletion is committed."""
    names = pictures.files_of(instance.image_renditions)
    if names:
        storage = sender._meta.get_field("image").storage
        transaction.on_commit(lambda: pictures.delete_files(storage, names))
