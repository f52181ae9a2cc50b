"""Each desk can be saved as a contact card: a vCard download that address books read back."""

import pytest
import vobject

from tests.factories import make_contact_point
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("no_page_cache")
def test_a_desk_downloads_as_a_vcard_that_parses_back(client, django_assert_num_queries):
    desk = make_contact_point(
        "Visas; and residence",
        numbers=["+44 20 7946 0322", "020 7946 0323"],
        email="visas@example.org",
        address="Consular Section\n1 Example Gardens\nLondon W8 0AA",
        notes="By appointment only, booked by email.",
    )
    with django_assert_num_queries(page_queries(2)):
        response = client.get(desk.get_vcard_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="visas-and-residence.vcf"'
    card = vobject.readOne(response.content.decode())
    assert card.version.value == "3.0"
    assert card.fn.value == "Visas; and residence"
    assert card.org.value == ["Embassy in London", "Visas; and residence"]
    assert [tel.value for tel in card.contents["tel"]] == ["+442079460322", "+442079460323"]
    assert card.email.value == "visas@example.org"
    assert card.adr.value.street == "Consular Section\n1 Example Gardens\nLondon W8 0AA"
    assert card.note.value == "By appointment only, booked by email."
    assert card.url.value == f"http://testserver/consular/#contact-point-{desk.pk}"


def test_a_desk_with_only_a_name_still_makes_a_valid_card(client):
    desk = make_contact_point("Отдел виз", numbers=[], email="")
    response = client.get(desk.get_vcard_url())
    assert "filename" in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Отдел виз"
    assert "tel" not in card.contents and "email" not in card.contents


def test_an_unknown_desk_is_404(client):
    assert client.get("/consular/contact/999.vcf").status_code == 404
