"""The consular page lists the consular section's standing pages (visas, passports, ...):
its top-level pages and the pages right below them, in their order and the page's language;
never a draft, a scheduled page, or a page of the press office."""

from datetime import UTC, datetime, timedelta

import pytest

from embassy.pages.models import Area
from news.models import Status
from tests.factories import make_page
from tests.helpers import frozen_at, main

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


def guidance(response) -> list[tuple[str, list[str]]]:
    return [
        (section.link.title, [child.title for child in section.children])
        for section in response.context["navigation"].consular()
    ]


@pytest.fixture
def consular_pages():
    services = make_page("Consular services", slug="services", area=Area.CONSULAR, position=1)
    make_page("Passports", slug="passports", parent=services, position=2)
    make_page("Visas", slug="visas", parent=services, position=1, title_ru="Визы")
    return services


def test_the_consular_page_lists_the_consular_pages_in_their_order(client, consular_pages):
    response = client.get("/consular/")
    assert guidance(response) == [("Consular services", ["Visas", "Passports"])]
    html = main(response)
    assert 'href="/consular/services/visas/"' not in html  # pages live at their own addresses
    assert 'href="/services/visas/"' in html and 'href="/services/passports/"' in html
    assert html.index(">Visas<") < html.index(">Passports<")


def test_pages_of_the_press_office_drafts_and_scheduled_pages_are_left_out(client, consular_pages):
    make_page("The Embassy", slug="embassy")
    make_page("Fees", slug="fees", parent=consular_pages, status=Status.DRAFT)
    make_page("Later", slug="later", parent=consular_pages, published_at=NOW + timedelta(hours=1))
    assert guidance(client.get("/consular/")) == [("Consular services", ["Visas", "Passports"])]


def test_a_draft_section_takes_its_pages_with_it(client, consular_pages):
    consular_pages.status = Status.DRAFT
    consular_pages.save()
    response = client.get("/consular/")
    assert guidance(response) == []
    assert "consular-guidance" not in main(response)


def test_the_list_is_in_the_pages_language(client, consular_pages):
    response = client.get("/ru/consular/")
    [(_section, children)] = guidance(response)
    assert "Визы" in children
    assert 'href="/ru/services/visas/"' in main(response)
