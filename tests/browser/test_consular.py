"""A consular officer changes the header's phone number in the admin; the next page any visitor
opens shows the new number, and the consular page passes the accessibility audit."""

from datetime import time

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from consular.models import HoursException, Notice, OpeningHours
from tests.browser.conftest import log_in_to_the_admin
from tests.factories import make_contact_point
from tests.helpers import authenticator

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1848"


def consular_officer() -> User:
    user = User.objects.create_user("consular-officer", password=PASSWORD, is_staff=True)
    # Transactional tests empty the database between tests; post_migrate re-creates the groups.
    user.groups.add(Group.objects.get(name="Consular section"))
    return user


def header_contact(page) -> str:
    return page.locator("address.header-contact").inner_text()


def test_a_new_header_number_saved_in_the_admin_shows_on_the_next_page(browser, live_server, visit):
    contact_point = make_contact_point(in_header=True, numbers=["+44 20 7946 0321"])
    device = authenticator(consular_officer())

    # A visitor's page first, so the header's rows are cached when the change is made.
    visitor = visit("/")
    assert "020 7946 0321" in header_contact(visitor)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    admin = context.new_page()
    change = f"/admin/consular/contactpoint/{contact_point.pk}/change/"
    log_in_to_the_admin(admin, live_server, "consular-officer", PASSWORD, change, device)
    admin.locator('input[name="phone_numbers-0-number"]').fill("020 7946 0777")
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url("**/admin/consular/contactpoint/")
    assert "was changed successfully" in admin.locator(".messagelist").inner_text()
    context.close()

    visitor = visit("/")
    contact = header_contact(visitor)
    assert "020 7946 0777" in contact
    assert "0321" not in contact
    link = visitor.locator('address.header-contact a[href^="tel:"]')
    assert link.get_attribute("href") == "tel:+442079460777"


def test_the_consular_page_passes_the_audit_with_every_part_shown(visit):
    desk = make_contact_point(
        "Consular queries",
        in_header=True,
        numbers=["+44 20 7946 0321", "+7 495 000 00 00"],
        address="Consular Section\n1 Example Gardens\nLondon W8 0AA",
        notes="Questions about documents and appointments.",
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            contact_point=desk, weekday=weekday, opens=time(9, 30), closes=time(12, 30)
        )
    HoursException.objects.create(
        contact_point=desk, date=timezone.localdate(), reason="Staff training"
    )
    Notice.objects.create(title="New appointment system", text="Book by email.")
    Notice.objects.create(title="Closed on Friday", text="Urgent matters: call.", level="urgent")
    page = visit("/consular/")
    assert page.locator("h1").inner_text() == "Consular services"
    assert page.locator("article.desk").count() == 1
    assert page.locator(".notice-banner").inner_text().startswith("Closed on Friday")
    assert "Staff training" in page.locator(".desk__changes").inner_text()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    with page.expect_download() as download:
        page.locator(".desk__card a").click()
    assert download.value.suggested_filename == "consular-queries.vcf"
