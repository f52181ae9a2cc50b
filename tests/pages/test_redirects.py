"""Old addresses of pages keep working: a changed slug or parent leaves a 301 at every old
address (the pages below too), chains collapse, and a redirect never leads to a draft. Run on
both databases."""

from datetime import UTC, datetime

import pytest

from embassy.sitewide.models import Redirect
from news.models import Status
from tests.factories import make_page
from tests.helpers import frozen_at

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture
def embassy():
    top = make_page(slug="embassy")
    ambassador = make_page(slug="ambassador", parent=top)
    make_page(slug="biography", parent=ambassador)
    return top


def moved(client, old: str) -> str:
    response = client.get(old)
    assert response.status_code == 301, old
    return response["Location"]


def test_a_changed_slug_leads_from_the_old_address_and_its_pages_below(client, embassy):
    embassy.slug = "our-embassy"
    embassy.save()
    assert moved(client, "/embassy/") == "/our-embassy/"
    assert moved(client, "/embassy/ambassador/biography/") == "/our-embassy/ambassador/biography/"
    assert moved(client, "/ru/embassy/ambassador/") == "/ru/our-embassy/ambassador/"
    assert client.get("/our-embassy/ambassador/biography/").status_code == 200


def test_a_new_parent_moves_the_page_and_its_pages_below(client, embassy):
    about = make_page(slug="about")
    ambassador = embassy.children.get()
    ambassador.parent = about
    ambassador.save()
    assert moved(client, "/embassy/ambassador/") == "/about/ambassador/"
    assert moved(client, "/embassy/ambassador/biography/") == "/about/ambassador/biography/"
    biography = ambassador.children.get()
    assert (biography.path, biography.depth) == ("about/ambassador/biography", 3)


def test_chains_collapse(client, embassy):
    for slug in ("mission", "our-embassy"):
        embassy.slug = slug
        embassy.save()
    assert moved(client, "/embassy/ambassador/") == "/our-embassy/ambassador/"
    assert Redirect.objects.get(old_path="/embassy/").new_path == "/our-embassy/"
    # Back to an old address: the page lives there again, and no redirect leaves it.
    embassy.slug = "embassy"
    embassy.save()
    assert client.get("/embassy/ambassador/").status_code == 200
    assert not Redirect.objects.filter(old_path="/embassy/").exists()


def test_a_redirect_never_leads_to_a_draft(client, embassy):
    embassy.slug = "our-embassy"
    embassy.status = Status.DRAFT
    embassy.save()
    assert client.get("/embassy/").status_code == 404


def test_a_redirect_never_leads_to_a_page_below_a_draft(client, embassy):
    ambassador = embassy.children.get()
    ambassador.slug = "head-of-mission"
    ambassador.save()
    assert moved(client, "/embassy/ambassador/") == "/embassy/head-of-mission/"
    embassy.status = Status.DRAFT
    embassy.save()
    assert client.get("/embassy/ambassador/").status_code == 404
