"""sitemap.xml (an index of sections) and robots.txt naming it."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from news.models import Status
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
    ]


def test_sections_list_published_items_only(client):
    article = make_article(slug="speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC))
    event = make_event(slug="visit")
    make_article(slug="draft", status=Status.DRAFT)
    make_article(slug="scheduled", published_at=NOW + timedelta(seconds=1))
    make_event(slug="draft-event", status=Status.DRAFT)
    make_event(slug="scheduled-event", published_at=NOW + timedelta(days=1))
    assert locations(client, "/sitemap-articles.xml") == [
        f"http://testserver{article.get_absolute_url()}"
    ]
    assert locations(client, "/sitemap-events.xml") == [
        f"http://testserver{event.get_absolute_url()}"
    ]
    assert locations(client, "/sitemap-pages.xml") == [
        "http://testserver/",
        "http://testserver/news/",
        "http://testserver/news/events/",
    ]


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
    # Per item section: its count and its latest change.
    with django_assert_num_queries(page_queries(4)):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
