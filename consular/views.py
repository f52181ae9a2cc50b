from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consular import desks, structured_data
from consular.lib import vcard as vcards
from consular.models import ContactPoint, Notice
from embassy.infrastructure.json_ld import json_ld_script
from embassy.infrastructure.lib import timekeeping


def index(request):
    """Every desk with its numbers, hours and status now, and the current notices: five
    queries, however many desks, numbers, hours and notices there are."""
    return render_index(request, Notice.objects.current(timezone.now()))


def preview(request, notice: Notice, previewing: str = "change"):
    """The consular page with a notice's unsaved values (embassy.editorial's staff preview) in
    its place among the current notices, or left out if it would not be current now."""
    now = timezone.now()
    notices = [shown for shown in Notice.objects.current(now) if shown.pk != notice.pk]
    if notice.is_current(now):
        notices.append(notice)
    notices.sort(key=lambda shown: (-shown.starts_at.timestamp(), shown.pk or 0))
    return render_index(request, notices)


def render_index(request, notices):
    now = timezone.now()
    zone = timekeeping.zone(settings.TIME_ZONE)
    today = now.astimezone(zone).date()
    desk_list = [
        desks.desk(contact_point, now, zone)
        for contact_point in ContactPoint.objects.for_page(today)
    ]
    page_url = request.build_absolute_uri(reverse("consular:index"))
    office_name = _("%(site)s: consular section") % {"site": settings.SITE_NAME}
    return render(
        request,
        "consular/index.html",
        {
            "desks": desk_list,
            "notices": notices,
            # "Europe/London" -> "London": the city whose clock the hours are in.
            "zone_city": settings.TIME_ZONE.rsplit("/", 1)[-1].replace("_", " "),
            "office_json_ld": json_ld_script(
                structured_data.office(office_name, page_url, desk_list)
            ),
        },
    )


def vcard(request, pk):
    """A desk's contact card, to save in an address book (two queries)."""
    contact_point = get_object_or_404(ContactPoint.objects.prefetch_related("phone_numbers"), pk=pk)
    card = vcards.Card(
        name=contact_point.name,
        organisation=settings.SITE_NAME,
        phones=[phone.tel_uri_number for phone in contact_point.phone_numbers.all()],
        email=contact_point.email,
        address=contact_point.address,
        note=contact_point.notes,
        url=request.build_absolute_uri(contact_point.get_absolute_url()),
    )
    response = HttpResponse(vcards.render(card), content_type="text/vcard; charset=utf-8")
    filename = f"{slugify(contact_point.name) or 'contact'}.vcf"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
