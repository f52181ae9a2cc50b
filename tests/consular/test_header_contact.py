"""The header contact on every page: national-format numbers with tel: links, a mailto: link,
and any change saved in the admin shown on the next page at once."""

import re

import pytest

from consular.models import ContactPoint
from tests.consular.admin_forms import contact_point_form, phone
from tests.factories import make_article, make_contact_point, make_event

pytestmark = pytest.mark.django_db


def header_contact(response) -> str:
    html = response.content.decode()
    match = re.search(r'<address class="header-contact">.*?</address>', html, re.S)
    return match.group(0) if match else ""


def test_header_contact_in_national_format_with_tel_and_mailto_links_on_every_page(client):
    make_contact_point(in_header=True, numbers=["+44 20 7946 0321", "+44 20 7946 0325"])
    paths = [
        "/",
        "/news/",
        "/consular/",
        make_article().get_absolute_url(),
        make_event().get_absolute_url(),
    ]
    for path in paths:
        contact = header_contact(client.get(path))
        assert "Consular queries:" in contact, path
        assert '<a href="tel:+442079460321">020 7946 0321</a>' in contact, path
        assert '<a href="tel:+442079460325">020 7946 0325</a>' in contact, path
        assert '<a href="mailto:consular@example.org">consular@example.org</a>' in contact, path


def test_no_header_contact_when_none_is_marked(client):
    make_contact_point(in_header=False)
    assert header_contact(client.get("/")) == ""


def test_a_number_changed_in_the_admin_inline_alone_shows_at_once(admin_client, client):
    contact_point = make_contact_point(in_header=True)
    saved = contact_point.phone_numbers.get()
    assert "020 7946 0321" in header_contact(client.get("/"))  # the header's rows are cached
    response = admin_client.post(
        f"/admin/consular/contactpoint/{contact_point.pk}/change/",
        contact_point_form(
            name=contact_point.name,
            email=contact_point.email,
            address=contact_point.address,
            in_header=True,
            phones=[phone("020 7946 0777", id=saved.pk, contact_point=contact_point.pk)],
            initial={"phone_numbers": 1},
        ),
    )
    assert response.status_code == 302
    contact = header_contact(client.get("/"))
    assert '<a href="tel:+442079460777">020 7946 0777</a>' in contact
    assert "0321" not in contact


def test_a_contact_point_deleted_in_the_admin_leaves_the_header_at_once(admin_client, client):
    contact_point = make_contact_point(in_header=True)
    assert header_contact(client.get("/")) != ""
    response = admin_client.post(
        f"/admin/consular/contactpoint/{contact_point.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ContactPoint.objects.exists()
    assert header_contact(client.get("/")) == ""


def test_the_header_mark_moved_in_the_admin_moves_the_header_contact(admin_client, client):
    make_contact_point(in_header=False, name="Visas", email="visas@example.org")
    queries = make_contact_point(in_header=True)
    assert "Consular queries:" in header_contact(client.get("/"))
    admin_client.post(
        f"/admin/consular/contactpoint/{queries.pk}/change/",
        contact_point_form(name=queries.name, email=queries.email, in_header=False),
    )
    assert header_contact(client.get("/")) == ""
