"""The pages in every page: the main menu (top-level pages marked for it, in their order, in
the page's language, the current section marked), the footer's links and the site map; drafts
and scheduled pages in none of them."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from embassy.pages.models import Purpose
from news.models import Status
from tests.factories import make_page
from tests.helpers import frozen_at

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


def menu(response) -> list[tuple[str, str]]:
    return [(entry.link.title, entry.current) for entry in response.context["navigation"].menu]


def nav(response) -> str:
    html = response.content.decode()
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


def test_the_menu_lists_top_level_pages_marked_for_it_in_their_order(client):
    make_page("Second", slug="second", show_in_menu=True, position=2)
    make_page("First", slug="first", show_in_menu=True, position=1)
    make_page("Not in the menu", slug="quiet")
    assert menu(client.get("/")) == [("First", ""), ("Second", "")]
    html = nav(client.get("/"))
    assert html.index(">Home<") < html.index(">First<") < html.index(">All messages<")


def test_the_menu_marks_the_current_section(client):
    top = make_page("The Embassy", slug="embassy", show_in_menu=True)
    make_page("The Ambassador", slug="ambassador", parent=top)
    assert 'href="/embassy/" aria-current="page"' in nav(client.get("/embassy/"))
    assert 'href="/embassy/" aria-current="true"' in nav(client.get("/embassy/ambassador/"))


def test_drafts_and_scheduled_pages_are_not_in_the_menu(client):
    make_page("Draft", slug="draft", show_in_menu=True, status=Status.DRAFT)
    make_page("Later", slug="later", show_in_menu=True, published_at=NOW + timedelta(hours=1))
    make_page("Now", slug="now", show_in_menu=True)
    assert menu(client.get("/")) == [("Now", "")]


def test_the_menu_is_in_the_pages_language_with_only_the_pages_in_it(client):
    make_page("The Embassy", slug="embassy", show_in_menu=True, title_ru="Посольство")
    make_page("English only", slug="english", show_in_menu=True, translate=False)
    assert menu(client.get("/ru/")) == [("Посольство", "")]
    assert 'href="/ru/embassy/"' in nav(client.get("/ru/"))


def footer(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer"') : html.index("</footer>")]


def test_the_footer_links_the_contact_the_statements_and_the_site_map(client):
    make_page("Accessibility", slug="accessibility", purpose=Purpose.ACCESSIBILITY)
    top = make_page("About the site", slug="about")
    make_page("Privacy", slug="privacy", parent=top, purpose=Purpose.PRIVACY)
    html = footer(client.get("/"))
    for link in ('href="/consular/"', 'href="/accessibility/"', 'href="/about/privacy/"'):
        assert link in html
    assert 'href="/site-map/"' in html
    assert 'href="/ru/site-map/"' in footer(client.get("/ru/"))


def test_the_footer_leaves_out_a_statement_that_is_not_visible(client):
    top = make_page("About the site", slug="about", status=Status.DRAFT)
    make_page("Privacy", slug="privacy", parent=top, purpose=Purpose.PRIVACY)
    make_page(
        "Accessibility", slug="accessibility", purpose=Purpose.ACCESSIBILITY, status=Status.DRAFT
    )
    html = footer(client.get("/"))
    assert "privacy" not in html and "accessibility" not in html
    assert 'href="/site-map/"' in html


def test_the_site_map_lists_the_sections_and_the_visible_tree_in_order(client):
    top = make_page("The Embassy", slug="embassy", position=1)
    make_page("History", slug="history", parent=top, position=2)
    make_page("The Ambassador", slug="ambassador", parent=top, position=1)
    make_page("Hidden", slug="hidden", parent=top, status=Status.DRAFT)
    services = make_page("Services", slug="services", position=2)
    make_page("Visas", slug="visas", parent=services)
    response = client.get("/site-map/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") :]
    order = ["The Embassy", "The Ambassador", "History", "Services", "Visas"]
    positions = [main.index(f">{title}<") for title in order]
    assert positions == sorted(positions)
    assert "Hidden" not in main
    for section in ('href="/news/"', 'href="/news/events/"', 'href="/consular/"'):
        assert section in main


def test_a_statement_below_a_scheduled_page_joins_the_footer_at_that_pages_time(client):
    """The footer's rows stay remembered (no content changes): the time decides per request."""
    moment = NOW + timedelta(hours=3)
    top = make_page("About the site", slug="about", published_at=moment)
    make_page("Privacy", slug="privacy", parent=top, purpose=Purpose.PRIVACY)
    assert "/about/privacy/" not in footer(client.get("/news/"))
    with time_machine.travel(moment, tick=False):
        assert 'href="/about/privacy/"' in footer(client.get("/news/"))
