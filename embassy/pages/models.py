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

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.db.models.lookups import StartsWith
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from embassy.sitewide.models import Redirect
from news.models import Kind, Publishable, PublishableQuerySet, Status

URL_NAME = "pages:page"


class Area(models.TextChoices):
    """Who keeps a page (embassy/sitewide/roles.py names the groups)."""

    PRESS = "press", _("Press office")
    CONSULAR = "consular", _("Consular section")


class Purpose(models.TextChoices):
    """The pages the footer of every page links to."""

    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy notice")


CONSULAR_NOTICES = "consular-notices"
LISTS_CHOICES = [*Kind.choices, (CONSULAR_NOTICES, _("Consular notice"))]


class PageQuerySet(PublishableQuerySet):
    def at(self, path: str):
        """The page at an address and its ancestors: their paths are its path's prefixes."""
        parts = path.split("/")
        return self.filter(path__in=["/".join(parts[:n]) for n in range(1, len(parts) + 1)])

    def below(self, page: Page):
        """Every descendant of `page`, at any depth."""
        return self.filter(path__startswith=f"{page.path}/")

    def in_tree(self, now=None):
        """Pages a visitor may reach: published, below published pages only. One query (a
        correlated NOT EXISTS over the pages not published)."""
        now = now or timezone.now()
        below_it = StartsWith(
            ExpressionWrapper(OuterRef("path"), output_field=models.CharField()),
            Concat(F("path"), Value("/"), output_field=models.CharField()),
        )
        hidden_above = Page.objects.exclude(status=Status.PUBLISHED, published_at__lte=now)
        return self.published(now).exclude(Exists(hidden_above.filter(below_it)))

    def shown(self, now=None, language: str | None = None):
        """Pages listed to a visitor reading `language` (search, sitemap): reachable, and
        translated into it (as the page itself must be to be shown in it)."""
        return self.in_tree(now).in_language(language).defer("translation_sources")


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

    class Meta:
        ordering = ["path"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
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
        follow, each leaving a redirect at its old address."""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not {"slug", "parent", "area"} & set(update_fields):
            return super().save(*args, **kwargs)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "path", "depth", "area"}
        stored = None
        if not self._state.adding and self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("path", "area").first()
        self.place()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if stored is not None and (stored["path"], stored["area"]) != (self.path, self.area):
                self.move_descendants(stored["path"])

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
        with translation.override(settings.LANGUAGE_CODE):
            address = self.get_absolute_url()
        try:
            match = resolve(address)
        except Resolver404:
            return True
        return match.view_name == URL_NAME

    def ancestor_paths(self) -> list[str]:
        parts = self.path.split("/")
        return ["/".join(parts[:n]) for n in range(1, len(parts))]
