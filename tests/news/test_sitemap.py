"""sitemap.xml (an index of sections) and robots.txt naming it."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Status
from news.sitemaps import ArticleSitemap
from tests.factories import make_article, make_event
from tests.helpers import frozen_at, page_queries

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


frozen = frozen_at(NOW)


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the site's own output, in a test


def locations(client, path, tag="url"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = parse_xml(response.content)
    return [element.text for element in root.findall(f"sm:{tag}/sm:loc", NS)]


def test_the_index_names_each_section(client):
    make_article()
    assert locations(client, "/sitemap.xml", tag="sitemap") == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-standing-pages.xml",
    ]


def test_sections_list_published_items_only(client):
    article = make_article(slug="speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC))
    event = make_event(slug="visit")
    make_article(slug="draft", status=Status.DRAFT)
    make_article(slug="scheduled", published_at=NOW + timedelta(seconds=1))
    make_event(slug="draft-event", status=Status.DRAFT)
    make_event(slug="scheduled-event", published_at=NOW + timedelta(days=1))
    article_url = f"http://testserver{article.get_absolute_url()}"
    event_url = f"http://testserver{event.get_absolute_url()}"
    assert locations(client, "/sitemap-articles.xml") == [
        article_url,
        article_url.replace("testserver/", "testserver/ru/"),
    ]
    assert locations(client, "/sitemap-events.xml") == [
        event_url,
        event_url.replace("testserver/", "testserver/ru/"),
    ]
    assert locations(client, "/sitemap-pages.xml") == [
        "http://testserver/",
        "http://testserver/ru/",
        "http://testserver/news/",
        "http://testserver/ru/news/",
        "http://testserver/news/events/",
        "http://testserver/ru/news/events/",
        "http://testserver/consular/",
        "http://testserver/ru/consular/",
    ]


def test_each_address_names_its_alternates_in_every_language(client):
    make_article(slug="speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC))
    root = parse_xml(client.get("/sitemap-articles.xml").content)
    english = "http://testserver/news/2022/06/11/speech/"
    russian = "http://testserver/ru/news/2022/06/11/speech/"
    alternates = {"en": english, "ru": russian, "x-default": english}
    for url in root.findall("sm:url", NS):
        links = url.findall("{http://www.w3.org/1999/xhtml}link")
        assert {link.get("hreflang"): link.get("href") for link in links} == alternates
        assert {link.get("rel") for link in links} == {"alternate"}


def test_a_page_of_the_sitemap_reads_only_its_items_in_every_language(client, monkeypatch):
    """Each item once per language it is shown in, language after language, a page at a time:
    the pairs are counted and sliced in the database, not all listed in Python for every page
    (two slices for the page where the English items end and the Russian ones begin)."""
    for day in range(1, 4):
        make_article(slug=f"speech-{day}", published_at=datetime(2022, 6, day, 9, tzinfo=UTC))
    make_article(
        slug="english-only", published_at=datetime(2022, 6, 4, 9, tzinfo=UTC), translate=False
    )
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    pages = []
    for page, slices in ((1, 1), (2, 2), (3, 1)):
        with CaptureQueriesContext(connection) as captured:
            pages += locations(client, f"/sitemap-articles.xml?p={page}")
        reads = [q["sql"] for q in captured if '"slug"' in q["sql"] and "news_article" in q["sql"]]
        assert len(reads) == slices
        assert all(" LIMIT " in read for read in reads)
    english = ["/news/2022/06/04/english-only/"] + [
        f"/news/2022/06/0{day}/speech-{day}/" for day in (3, 2, 1)
    ]
    russian = [f"/ru/news/2022/06/0{day}/speech-{day}/" for day in (3, 2, 1)]
    assert [location.removeprefix("http://testserver") for location in pages] == english + russian


def test_an_item_is_listed_only_in_the_languages_it_is_shown_in(client):
    make_article(slug="speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC), translate=False)
    root = parse_xml(client.get("/sitemap-articles.xml").content)
    english = "http://testserver/news/2022/06/11/speech/"
    assert [url.find("sm:loc", NS).text for url in root.findall("sm:url", NS)] == [english]
    links = root.findall("sm:url/{http://www.w3.org/1999/xhtml}link", NS)
    assert {link.get("hreflang"): link.get("href") for link in links} == {
        "en": english,
        "x-default": english,
    }


def test_items_carry_their_last_change(client):
    make_article(slug="speech")
    response = client.get("/sitemap-articles.xml")
    root = parse_xml(response.content)
    assert root.find("sm:url/sm:lastmod", NS).text == "2022-06-28"


def test_an_unknown_section_is_404(client):
    assert client.get("/sitemap-zzz.xml").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404


@pytest.mark.usefixtures("no_page_cache")
def test_the_index_costs_a_few_queries_however_many_items(client, django_assert_num_queries):
    for n in range(40):
        make_article(published_at=NOW - timedelta(hours=n))
        make_event(published_at=NOW - timedelta(hours=n))
    # Per item section (articles, events, standing pages): its count and its latest change.
    with django_assert_num_queries(page_queries(3 * 2)):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
