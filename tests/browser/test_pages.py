"""Standing pages in a real browser: a page with breadcrumbs and its section, the site map, and
the pages' admin list and form pass the accessibility audit in English and Russian; a page
prints with its day counters and each link's address once."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User

from embassy.pages.models import Area, Purpose
from tests.browser.conftest import audit, log_in_to_the_admin
from tests.browser.test_print import BODY, prints_counters_and_each_address_once
from tests.factories import make_counter, make_page
from tests.helpers import authenticator

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1848"


def tree():
    top = make_page("The Embassy", slug="embassy", show_in_menu=True, title_ru="Посольство")
    ambassador = make_page(
        "The Ambassador", slug="ambassador", parent=top, body=BODY, title_ru="Посол"
    )
    make_page("History of the building", slug="history", parent=top, title_ru="История здания")
    make_page("Accessibility statement", slug="accessibility", purpose=Purpose.ACCESSIBILITY)
    return ambassador


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_a_page_with_breadcrumbs_and_its_section_passes_the_audit(visit, page, prefix):
    tree()
    visit(f"{prefix}/embassy/ambassador/")
    assert page.locator("nav.breadcrumbs ol a").count() == 3
    assert page.locator('nav.breadcrumbs a[aria-current="page"]').count() == 1
    assert page.locator('.section-nav a[aria-current="page"]').count() == 1


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_the_site_map_passes_the_audit(visit, page, prefix):
    tree()
    visit(f"{prefix}/site-map/")
    assert page.locator("main .site-map a").count() >= 5 + 3


def test_a_page_prints_its_counters_and_each_address_once(visit, page):
    make_counter("the Salisbury incident", date(2018, 3, 4))
    tree()
    visit("/embassy/ambassador/", run_audit=False)
    prints_counters_and_each_address_once(page)
    assert not page.locator(".breadcrumbs").is_visible()


@pytest.mark.parametrize("browser_locale", ["en-GB", "ru-RU"])
def test_the_pages_admin_list_and_form_pass_the_audit(page, live_server, browser_locale):
    ambassador = tree()
    make_page("Visas", slug="visas", area=Area.CONSULAR)
    user = User.objects.create_user("press-officer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Press office"))
    log_in_to_the_admin(
        page, live_server, "press-officer", PASSWORD, "/admin/pages/page/", authenticator(user)
    )
    assert page.locator("html").get_attribute("lang") == browser_locale[:2]
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 4  # the press office's pages, not the consular section's
    audit(page)
    page.goto(f"{live_server.url}/admin/pages/page/{ambassador.pk}/change/")
    audit(page)
    page.goto(f"{live_server.url}/admin/pages/page/add/?parent={ambassador.parent_id}")
    audit(page)
