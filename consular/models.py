from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactPointQuerySet(models.QuerySet):
    def for_header(self):
        """The contact point shown in every page's header, with its numbers (two queries)."""
        return self.filter(in_header=True).prefetch_related("phone_numbers")


class ContactPoint(models.Model):
    """A way to reach the consular section: "Consular queries", "Visas", "Passports", …"""

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_header = models.BooleanField(
        _("shown in the header"),
        default=False,
        help_text=_("At most one contact point is shown in the header of every page."),
    )

    objects = ContactPointQuerySet.as_manager()

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


class PhoneNumber(models.Model):
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.CASCADE,
        related_name="phone_numbers",
        verbose_name=_("contact point"),
    )
    number = models.CharField(_("number"), max_length=32)
    label = models.CharField(_("label"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self):
        return self.number

    @property
    def tel_uri_number(self) -> str:
        """The number as a tel: link wants it: digits and a leading plus, no spaces."""
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")

    @property
    def display(self) -> str:
        return self.number
