"""Standing pages, kept as a tree: a page may have child pages, in the order staff set.

The tree is a parent key. Each page also stores its `path`, the slugs from the top down
("embassy/ambassador"), which is its address: a page is found by its address in one query, its
ancestors (the breadcrumbs) in one more, and a whole section by a prefix. save() keeps the
paths, depths and areas of a page's descendants in step when it moves, and leaves a redirect at
every address that changed. (django-treebeard was weighed and refused: its materialised path
would be a second path beside the address we must store anyway, and its admin's drag and drop
needs inline styles our CSP refuses.)
"""

from __future__ import annotations

from typing import ClassVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.db.models.lookups import StartsWith
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from embassy.infrastructure.languages import codes
from embassy.sitewide import roles
from embassy.sitewide.models import Redirect
from news.models import Kind, Publishable, PublishableQuerySet, Status

URL_NAME = "pages:page"


class Area(models.TextChoices):
    """Who keeps a page (embassy/sitewide/roles.py names the groups)."""

    PRESS = "press", _("Press office")
    CONSULAR = "consular", _("Consular section")


# The staff group that keeps each area's pages (a superuser keeps them all).
AREA_GROUPS = {Area.PRESS: roles.PRESS_OFFICE.group, Area.CONSULAR: roles.CONSULAR_SECTION.group}


def areas_of(user) -> list[str]:
    """The areas whose pages `user` keeps: every area for a superuser, else their groups'. One
    query the first time, remembered on the user (one request's) after."""
    if not user.is_active:
        return []
    if user.is_superuser:
        return list(Area.values)
    if not hasattr(user, "_page_areas"):
        groups = set(user.groups.values_list("name", flat=True))
        user._page_areas = [area for area, group in AREA_GROUPS.items() if group in groups]
    return user._page_areas


class Purpose(models.TextChoices):
    """The pages the footer of every page links to."""

    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy notice")


CONSULAR_NOTICES = "consular-notices"
LISTS_CHOICES = [*Kind.choices, (CONSULAR_NOTICES, _("Consular notice"))]


def is_published(now=None) -> Q:
    """Published with a publication time that has come (as PublishableQuerySet.published)."""
    return Q(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


def above_the_row():
    """The condition, in a subquery of pages, of being above the outer query's row: the row's
    path starts with the page's path and a "/"."""
    return StartsWith(
        ExpressionWrapper(OuterRef("path"), output_field=models.CharField()),
        Concat(F("path"), Value("/"), output_field=models.CharField()),
    )


def hidden_above(now=None) -> Exists:
    """Whether a page above the row's is not published (draft or scheduled): a correlated
    subquery over the few pages not published."""
    return Exists(Page.objects.exclude(is_published(now)).filter(above_the_row()))


class PageQuerySet(PublishableQuerySet):
    def reachable(self, now=None):
        """Pages visitors may reach now: published, below published pages only (the redirects
        made by themselves lead only there). One query."""
        return self.published(now).exclude(hidden_above(now))

    def shown(self, now=None, language: str | None = None):
        """Pages listed to a visitor reading `language` (the sub-navigation, the site map):
        reachable, and translated into it."""
        return self.reachable(now).in_language(language).defer("translation_sources")

    def coming(self, language: str | None = None):
        """Pages visitors reading `language` may reach now or later without any change: neither
        they nor a page above is a draft. Each has `visible_from`, the moment the last of them
        is published (annotated, with the latest time above it as `latest_above`)."""
        drafts_above = Page.objects.filter(status=Status.DRAFT).filter(above_the_row())
        latest_above = (
            Page.objects.filter(above_the_row())
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return (
            self.filter(status=Status.PUBLISHED)
            .exclude(Exists(drafts_above))
            .in_language(language)
            .defer("translation_sources")
            .annotate(latest_above=Subquery(latest_above))
        )

    def kept_by(self, user):
        """The pages `user` keeps (their areas')."""
        return self.filter(area__in=areas_of(user))

    def at(self, path: str):
        """The page at an address and its ancestors: their paths are its path's prefixes."""
        parts = path.split("/")
        return self.filter(path__in=["/".join(parts[:n]) for n in range(1, len(parts) + 1)])

    def below(self, page: Page):
        """Every descendant of `page`, at any depth."""
        return self.filter(path__startswith=f"{page.path}/")

    def in_order(self):
        """Siblings in the order staff set."""
        return self.order_by("position", "pk")


class Page(Publishable):
    """A page of the site outside the news: a title, a lead, a body, perhaps a picture."""

    # Unique among its siblings only (the path is unique).
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("The last part of the page's web address: lower-case letters, digits, -."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Empty for a top-level page."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order among its sibling pages, lowest first.")
    )
    path = models.CharField(_("address"), max_length=600, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=1, editable=False)
    lead = models.TextField(_("lead"), blank=True)
    area = models.CharField(
        _("area"),
        max_length=20,
        choices=Area.choices,
        default=Area.PRESS,
        help_text=_("Who keeps the page. A page below another belongs to its parent's area."),
    )
    show_in_menu = models.BooleanField(
        _("show in the menu"),
        default=False,
        help_text=_("A top-level page only: listed in the main menu of every page."),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=20,
        choices=Purpose.choices,
        blank=True,
        help_text=_("The footer of every page links to the page with this purpose."),
    )
    lists = models.CharField(
        _("lists"),
        max_length=30,
        choices=LISTS_CHOICES,
        blank=True,
        help_text=_("The latest items of this kind, shown below the page's body."),
    )

    objects: ClassVar = PageQuerySet.as_manager()  # overrides Publishable's ClassVar
    ADDRESS_FIELDS = ("path",)
    STORED_FIELDS = ("image_renditions", "area")

    class Meta:
        ordering = ["path"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_page", _("Can approve and publish pages"))]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"],
                condition=~Q(purpose=""),
                name="page_one_per_purpose",
                violation_error_message=_("Another page already has this purpose."),
            ),
        ]
        indexes = [
            # A section's children (sub-navigation) and the top-level pages (the menu), in order.
            models.Index(fields=["parent", "position", "id"], name="page_children_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse(URL_NAME, kwargs={"path": self.path})

    def place(self) -> None:
        """Set the path, depth and area the page's parent gives it (parent read from memory)."""
        if self.parent is None:
            self.path, self.depth = self.slug, 1
        else:
            self.path = f"{self.parent.path}/{self.slug}"
            self.depth = self.parent.depth + 1
            self.area = self.parent.area

    def save(self, *args, **kwargs):
        """Places the page in the tree; when its address or area changes, its descendants
        follow, each leaving a redirect at its old address (saved_over)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"slug", "parent", "area"} & set(update_fields):
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "path", "depth", "area"}
            self.place()
        with transaction.atomic():
            super().save(*args, **kwargs)

    def saved_over(self, stored: Publishable) -> None:
        super().saved_over(stored)
        page = cast(Page, stored)
        if (page.path, page.area) != (self.path, self.area):
            self.move_descendants(page.path)

    def take_position(self) -> None:
        """Numbers the page and its siblings 1, 2, 3… in their order, the page at its own
        position (2: second), those it passes moved one down. One query to read the siblings,
        one to write each that moves."""
        siblings = list(
            type(self)
            .objects.filter(parent_id=self.parent_id)
            .exclude(pk=self.pk)
            .order_by("position", "pk")
            .values_list("pk", "position")
        )
        place = min(max(self.position, 1), len(siblings) + 1) - 1
        ordered = [*siblings[:place], (self.pk, self.position), *siblings[place:]]
        for number, (pk, position) in enumerate(ordered, start=1):
            if position != number:
                type(self).objects.filter(pk=pk).update(position=number)
        self.position = place + 1

    def move_descendants(self, old_path: str) -> None:
        descendants = list(type(self).objects.filter(path__startswith=f"{old_path}/"))
        for page in descendants:
            old_address = page.address()
            page.path = self.path + page.path[len(old_path) :]
            page.depth = page.path.count("/") + 1
            page.area = self.area
            Redirect.objects.moved(old_address, page.address(), target=page)
        type(self).objects.bulk_update(descendants, ["path", "depth", "area"])

    def clean(self):
        super().clean()
        if (
            self.parent_id is not None
            and self.pk is not None
            and (self.parent_id == self.pk or self.parent.path.startswith(f"{self.path}/"))
        ):
            raise ValidationError(
                {"parent": _("A page cannot be placed below itself or one of its own.")}
            )
        if not self.slug:
            return
        self.place()
        clash = type(self).objects.filter(path=self.path).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                {"slug": _("Another page at the same place already uses this slug.")}
            )
        if self.parent is None and not self.address_is_free():
            raise ValidationError(
                {
                    "slug": _(
                        "This address belongs to another part of the site. Choose another slug."
                    )
                }
            )
        if self.show_in_menu and self.parent is not None:
            raise ValidationError(
                {"show_in_menu": _("Only a top-level page can be shown in the main menu.")}
            )

    def address_is_free(self) -> bool:
        """Whether the site's own pages (news, consular, admin, …) leave the address to a page."""
        if self.slug in codes():
            return False  # /ru/ is the Russian home page, whatever the page list says
        try:
            with translation.override(settings.LANGUAGE_CODE):
                address = self.get_absolute_url()
        except NoReverseMatch:
            return False  # an address of one language only (embassy/pages/urls.py)
        try:
            match = resolve(address)
        except Resolver404:
            return True
        return match.view_name == URL_NAME

    @property
    def visible_from(self):
        """For a page read by coming(): when it and every page above it are published."""
        return max(self.published_at, self.latest_above or self.published_at)

    def ancestor_paths(self) -> list[str]:
        parts = self.path.split("/")
        return ["/".join(parts[:n]) for n in range(1, len(parts))]
