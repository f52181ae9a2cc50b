"""A page as visitors read it: its text in the address's language (else the news' "not
translated" page), breadcrumbs below the top, its section's pages, the items it lists, and
drafts, scheduled pages and pages below them hidden everywhere; the staff preview."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User

from consular.models import Notice
from embassy.pages.models import CONSULAR_NOTICES, Area
from news.models import Kind, Status
from tests.factories import make_article, make_page
from tests.helpers import frozen_at, json_ld, main, meta, page_queries, text, verified_login

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture
def embassy():
    top = make_page("The Embassy", slug="embassy", lead="Who we are.")
    make_page("The Ambassador", slug="ambassador", parent=top, position=1)
    make_page("History of the building", slug="history", parent=top, position=2)
    return top


def breadcrumbs(response) -> str:
    html = main(response)
    start = html.index('<nav class="breadcrumbs"')
    return html[start : html.index("</nav>", start)]


def test_a_page_shows_its_title_lead_and_body(client, embassy):
    page = text(client.get("/embassy/"))
    assert "The Embassy" in page and "Who we are." in page and "Body of page" in page


def test_breadcrumbs_lead_from_home_to_the_current_page(client, embassy):
    response = client.get("/embassy/ambassador/")
    crumbs = breadcrumbs(response)
    assert 'aria-label="Breadcrumbs"' in crumbs and "<ol>" in crumbs
    assert crumbs.index('href="/"') < crumbs.index('href="/embassy/"')
    assert '<a href="/embassy/ambassador/" aria-current="page">The Ambassador</a>' in crumbs


def test_a_top_level_page_has_no_breadcrumbs(client, embassy):
    assert 'class="breadcrumbs"' not in client.get("/embassy/").content.decode()


def section(response) -> list[str]:
    return [page.title for page in response.context["section"]]


def test_the_section_lists_a_pages_children_else_its_siblings(client, embassy):
    assert section(client.get("/embassy/")) == ["The Ambassador", "History of the building"]
    siblings = client.get("/embassy/history/")
    assert section(siblings) == ["The Ambassador", "History of the building"]
    assert 'href="/embassy/history/" aria-current="page"' in main(siblings)


def test_drafts_and_scheduled_pages_are_hidden_from_visitors(client, embassy):
    ambassador = embassy.children.get(slug="ambassador")
    ambassador.status = Status.DRAFT
    ambassador.save()
    history = embassy.children.get(slug="history")
    history.published_at = NOW + timedelta(hours=1)
    history.save()
    below_draft = make_page("Biography", slug="biography", parent=ambassador)
    for path in ("/embassy/ambassador/", "/embassy/history/", below_draft.get_absolute_url()):
        assert client.get(path).status_code == 404, path
    assert section(client.get("/embassy/")) == []


def test_a_page_below_an_unpublished_one_is_hidden_and_reappears_with_it(client, embassy):
    embassy.status = Status.DRAFT
    embassy.save()
    assert client.get("/embassy/ambassador/").status_code == 404
    embassy.status = Status.PUBLISHED
    embassy.save()
    assert client.get("/embassy/ambassador/").status_code == 200


def test_a_scheduled_page_appears_at_its_time_with_the_page_cache_on(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    moment = NOW + timedelta(hours=2)
    top = make_page("Opening soon", slug="soon", show_in_menu=True, published_at=moment)
    home_before = client.get("/").content.decode()
    assert "Opening soon" not in home_before
    assert client.get("/soon/").status_code == 404
    with time_machine.travel(moment - timedelta(seconds=1), tick=False):
        assert client.get("/soon/").status_code == 404
    with time_machine.travel(moment, tick=False):
        assert client.get(top.get_absolute_url()).status_code == 200
        assert 'href="/soon/"' in client.get("/").content.decode()


def test_a_page_not_translated_says_so_in_the_visitors_language(client):
    make_page("Only in English", slug="english", translate=False)
    response = client.get("/ru/english/")
    assert response.status_code == 404
    assert "news/not_translated.html" in [t.name for t in response.templates]
    assert 'href="/english/"' in response.content.decode()
    assert client.get("/english/").status_code == 200


def test_a_page_names_only_the_languages_it_has(client):
    make_page("Only in English", slug="english", translate=False)
    html = client.get("/english/").content.decode()
    assert 'rel="alternate" hreflang="en"' in html
    assert 'rel="alternate" hreflang="ru"' not in html


def test_a_page_lists_the_latest_items_of_its_kind_in_one_query(
    client, django_assert_num_queries, no_page_cache
):
    make_page("Speeches", slug="speeches", lists=Kind.SPEECH)
    for n in range(7):
        make_article(f"Speech {n}", kind=Kind.SPEECH, published_at=NOW - timedelta(days=n))
    make_article("An interview", kind=Kind.INTERVIEW)
    make_article("A draft speech", kind=Kind.SPEECH, status=Status.DRAFT)
    client.get("/speeches/")  # the header's rows, the menu's, the pages' addresses remembered
    # The page with its ancestors, the section, the items.
    with django_assert_num_queries(page_queries(3)):
        response = client.get("/speeches/")
    page = main(response)
    assert [f"Speech {n}" in page for n in range(7)] == [True] * 5 + [False] * 2
    assert "An interview" not in page and "A draft speech" not in page
    assert 'href="/news/?kind=speech"' in page


def test_the_consular_page_lists_the_current_notices(client):
    make_page("Consular services", slug="consular-services", lists=CONSULAR_NOTICES)
    Notice.objects.create(title="Closed on Monday", text="Bank holiday.", starts_at=NOW)
    Notice.objects.create(title="Later", text="Not yet.", starts_at=NOW + timedelta(days=1))
    page = main(client.get("/consular-services/"))
    assert "Closed on Monday" in page and "Later" not in page
    assert 'href="/consular/"' in page


def consular_editor(client, group="Consular section"):
    user = User.objects.create_user(group.split()[0].lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return verified_login(client, user)


def test_staff_of_the_pages_area_preview_a_draft_privately(client):
    draft = make_page("Visas", slug="visas", status=Status.DRAFT, area=Area.CONSULAR)
    consular_editor(client)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Not published." in text(response)
    assert "private" in response["Cache-Control"]


def test_staff_of_another_area_do_not_preview_a_draft(client):
    draft = make_page("Visas", slug="visas", status=Status.DRAFT, area=Area.CONSULAR)
    published = make_page("Passports", slug="passports", area=Area.CONSULAR)
    consular_editor(client, "Press office")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200


def test_staff_preview_a_page_below_a_draft(client):
    top = make_page("Services", slug="services", status=Status.DRAFT, area=Area.CONSULAR)
    child = make_page("Visas", slug="visas", parent=top)
    consular_editor(client)
    response = client.get(child.get_absolute_url())
    assert response.status_code == 200
    assert "Not published." in text(response)


def test_a_page_tells_other_sites_its_title_and_description(client, embassy):
    response = client.get("/ru/embassy/")
    data = json_ld(response)
    assert (data["@type"], data["name"], data["inLanguage"]) == ("WebPage", "The Embassy", "ru")
    assert data["url"].endswith("/ru/embassy/")
    assert meta(response, "og:description") == "Who we are."
    assert '<link rel="canonical" href="http://testserver/ru/embassy/">' in (
        response.content.decode()
    )
