"""Old links keep working: an article's or event's old address answers 301 to its new one in
every language, chains collapse, a redirect never leads to a draft, and staff add others."""

from datetime import UTC, datetime

import pytest

from embassy.sitewide.models import Redirect
from news.models import Status
from tests.factories import make_article, make_event
from tests.helpers import frozen_at

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
frozen = frozen_at(NOW)
OLD = "/news/2022/06/11/speech/"


@pytest.fixture
def speech():
    return make_article(slug="speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC))


def renamed(item, slug):
    item.slug = slug
    item.save()
    return item


def test_a_changed_slug_leaves_the_old_address_leading_to_the_new(client, frozen, speech):
    renamed(speech, "speech-on-talks")
    response = client.get(OLD)
    assert (response.status_code, response["Location"]) == (
        301,
        "/news/2022/06/11/speech-on-talks/",
    )
    russian = client.get("/ru" + OLD)
    assert russian["Location"] == "/ru/news/2022/06/11/speech-on-talks/"
    assert client.get(russian["Location"]).status_code == 200


def test_a_changed_publication_date_moves_the_article_too(client, frozen, speech):
    speech.published_at = datetime(2022, 6, 12, 9, tzinfo=UTC)
    speech.save()
    assert client.get(OLD)["Location"] == "/news/2022/06/12/speech/"


def test_an_events_old_address_leads_to_its_new_one(client, frozen):
    event = make_event(slug="visit")
    renamed(event, "state-visit")
    assert client.get("/news/events/visit/")["Location"] == "/news/events/state-visit/"


def test_chains_collapse_and_an_address_used_again_is_a_page_again(client, frozen, speech):
    renamed(speech, "second")
    renamed(speech, "third")
    assert set(Redirect.objects.values_list("old_path", "new_path")) == {
        (OLD, "/news/2022/06/11/third/"),
        ("/news/2022/06/11/second/", "/news/2022/06/11/third/"),
    }
    renamed(speech, "speech")
    assert client.get(OLD).status_code == 200
    assert client.get("/news/2022/06/11/third/")["Location"] == OLD
    assert not Redirect.objects.filter(old_path=OLD).exists()


def test_a_redirect_never_leads_to_a_draft(client, frozen, speech):
    speech.status = Status.DRAFT
    speech.slug = "withdrawn"
    speech.save()
    assert client.get(OLD).status_code == 404
    speech.status = Status.PUBLISHED
    speech.save()
    assert client.get(OLD).status_code == 301


def test_a_saved_item_whose_address_stays_makes_no_redirect(frozen, speech):
    speech.title = "A new title"
    speech.save()
    speech.save(update_fields=["title_en"])
    assert not Redirect.objects.exists()


def test_staff_add_a_redirect_in_the_admin(admin_client, client, frozen):
    response = admin_client.post(
        "/admin/embassy/redirect/add/", {"old_path": "/visas/", "new_path": "/consular/"}
    )
    assert response.status_code == 302
    assert client.get("/visas/")["Location"] == "/consular/"
    assert client.get("/ru/visas/")["Location"] == "/ru/consular/"
    refused = admin_client.post(
        "/admin/embassy/redirect/add/",
        {"old_path": "https://elsewhere.example/", "new_path": "/consular/"},
    )
    assert "Give an address of this site, starting with /" in refused.content.decode()


def test_an_existing_page_is_never_redirected(client, frozen, speech):
    Redirect.objects.create(old_path=OLD, new_path="/consular/")
    assert client.get(OLD).status_code == 200
