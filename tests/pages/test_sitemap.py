"""Standing pages in sitemap.xml (its section "standing-pages", embassy.pages.sitemaps): every page
a visitor can reach, in each language it is shown in, with its alternates. Every test runs on
both databases (`DATABASE_URL=postgres://…` for PostgreSQL)."""

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from embassy.pages.models import Page
from embassy.pages.sitemaps import PageSitemap
from news.models import Status
from tests.factories import make_page
from tests.helpers import frozen_at, page_queries

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
frozen = frozen_at(NOW)
SECTION = "/sitemap-standing-pages.xml"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the site's own output, in a test


def listed(client, path: str = SECTION) -> dict[str, dict[str, str]]:
    """Each address the section lists, with its alternates (hreflang: address)."""
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = parse_xml(response.content)
    return {
        url.find("sm:loc", NS).text.removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.findall(XHTML_LINK)
        }
        for url in root.findall("sm:url", NS)
    }


@pytest.fixture
def embassy():
    top = make_page("The Embassy", slug="embassy", published_at=NOW - timedelta(days=3))
    make_page("The Ambassador", parent=top, slug="ambassador", published_at=NOW - timedelta(1))
    return top


def test_the_index_names_the_section_of_the_pages(client, embassy):
    root = parse_xml(client.get("/sitemap.xml").content)
    sections = [element.text for element in root.findall("sm:sitemap/sm:loc", NS)]
    assert f"http://testserver{SECTION}" in sections


def test_every_page_is_listed_in_each_language_with_its_alternates(client, embassy):
    both = {
        "/embassy/": {"en": "/embassy/", "ru": "/ru/embassy/", "x-default": "/embassy/"},
        "/embassy/ambassador/": {
            "en": "/embassy/ambassador/",
            "ru": "/ru/embassy/ambassador/",
            "x-default": "/embassy/ambassador/",
        },
    }
    pages = listed(client)
    # Language after language, the newest first in each.
    assert list(pages) == [
        "/embassy/ambassador/",
        "/embassy/",
        "/ru/embassy/ambassador/",
        "/ru/embassy/",
    ]
    for address, alternates in pages.items():
        assert alternates == both[address.removeprefix("/ru")]


def test_drafts_scheduled_pages_and_pages_below_them_are_not_listed(client, embassy):
    draft = make_page("Visas", slug="visas", status=Status.DRAFT)
    make_page("Visa fees", parent=draft, slug="fees")
    scheduled = make_page("History", slug="history", published_at=NOW + timedelta(minutes=1))
    make_page("The building", parent=scheduled, slug="building")
    hidden = make_page("Hidden", parent=embassy, slug="hidden", status=Status.DRAFT)
    make_page("Deep", parent=make_page("Deeper", parent=hidden, slug="deeper"), slug="deep")
    assert {address.removeprefix("/ru") for address in listed(client)} == {
        "/embassy/",
        "/embassy/ambassador/",
    }

    Page.objects.filter(pk=hidden.pk).update(status=Status.PUBLISHED)
    assert "/ru/embassy/hidden/deeper/deep/" in listed(client)


def test_a_page_without_a_russian_translation_is_listed_in_english_only(client, embassy):
    make_page("Privacy notice", slug="privacy", translate=False)
    pages = listed(client)
    assert "/privacy/" in pages
    assert "/ru/privacy/" not in pages
    assert pages["/privacy/"] == {"en": "/privacy/", "x-default": "/privacy/"}
    assert "/ru/embassy/" in pages


def test_a_page_carries_its_last_change(client, embassy):
    root = parse_xml(client.get(SECTION).content)
    assert {element.text for element in root.findall("sm:url/sm:lastmod", NS)} == {"2022-06-28"}


def add_pages(count: int, start: int = 0) -> None:
    """`count` published pages, a tenth of them at the top, the others below those."""
    sections = max(1, count // 10)
    tops = [make_page(slug=f"section-{start + n}") for n in range(sections)]
    for n in range(count - sections):
        make_page(parent=tops[n % sections], slug=f"page-{start + n}")


def costs(client) -> dict[str, int]:
    """The queries of the index, and of the first and last page of the section."""
    last_page = math.ceil(2 * Page.objects.count() / PageSitemap.limit)
    result = {}
    for name, path in (
        ("index", "/sitemap.xml"),
        ("first", SECTION),
        ("last", f"{SECTION}?p={last_page}"),
    ):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, path
        result[name] = len(captured)
    return result


@pytest.mark.usefixtures("no_page_cache")
def test_the_sitemap_costs_the_same_with_5_pages_and_with_500(client, monkeypatch):
    """The index: a count and a latest change per section. A page of the section: the count of
    each language's pages and its slice."""
    monkeypatch.setattr(PageSitemap, "limit", 4)
    add_pages(5)
    small = costs(client)
    assert small["first"] == small["last"] == page_queries(2)
    add_pages(495, start=5)
    assert Page.objects.count() == 500
    assert costs(client) == small


def test_a_page_of_the_sitemap_reads_only_its_pages_in_every_language(client, monkeypatch):
    """Each page once per language, language after language, a sitemap page at a time: sliced
    in the database (two slices for the page where English ends and Russian begins)."""
    monkeypatch.setattr(PageSitemap, "limit", 2)
    for day in (1, 2, 3):
        make_page(slug=f"page-{day}", published_at=datetime(2022, 6, day, 9, tzinfo=UTC))
    addresses = []
    for page, slices in ((1, 1), (2, 2), (3, 1)):
        with CaptureQueriesContext(connection) as captured:
            addresses += listed(client, f"{SECTION}?p={page}")
        reads = [
            q["sql"]
            for q in captured
            if q["sql"].startswith('SELECT "pages_page"."id"') and "COUNT(" not in q["sql"]
        ]
        assert len(reads) == slices
        assert all(" LIMIT " in read for read in reads)
    assert addresses == [
        "/page-3/",
        "/page-2/",
        "/page-1/",
        "/ru/page-3/",
        "/ru/page-2/",
        "/ru/page-1/",
    ]
