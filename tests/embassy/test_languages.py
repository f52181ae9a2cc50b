"""Every public page in every language: the Russian addresses under /ru/, the English ones as
they were; the switcher to the same page in the other language; the alternates; the page's
language in Open Graph and JSON-LD."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.utils import translation

from consular.models import ContactPoint
from tests.factories import make_article, make_contact_point, make_event
from tests.helpers import frozen_at, json_ld, meta

pytestmark = pytest.mark.django_db

frozen = frozen_at(datetime(2022, 6, 28, 12, 0, tzinfo=UTC))


@pytest.fixture
def site():
    make_article(slug="speech", title="A speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC))
    make_event(slug="visit", title="A visit")
    make_contact_point()


# Each public page's English address; its Russian one is the same under /ru.
PAGES = [
    "/",
    "/news/",
    "/news/?kind=speech&page=1&year=2022",  # the parameters in the page cache's order
    "/news/2022/06/11/speech/",
    "/news/events/",
    "/news/events/visit/",
    "/news/search/?q=speech",
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/news/feed/speech/rss/",
    "/news/events.ics",
    "/consular/",
]
HTML_PAGES = [path for path in PAGES if "feed" not in path and not path.endswith(".ics")]


def switcher_links(response) -> list[tuple[str, str, str, str]]:
    """(href, lang, hreflang, name) of each link in the language switcher."""
    html = response.content.decode()
    nav = re.search(r'<nav class="language-switcher" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert nav, "no switcher"
    return [
        (unescape(href), lang, hreflang, name)
        for href, lang, hreflang, name in re.findall(
            r'<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)">([^<]+)</a>', nav.group(2)
        )
    ]


def alternates(response) -> dict[str, str]:
    html = response.content.decode()
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_is_at_its_english_and_its_russian_address(client, path):
    english = client.get(path)
    russian = client.get(f"/ru{path}")
    assert (english.status_code, russian.status_code) == (200, 200)
    assert (english["Content-Language"], russian["Content-Language"]) == ("en", "ru")


@pytest.mark.usefixtures("site")
def test_the_contact_card_is_at_both_addresses(client):
    pk = ContactPoint.objects.get().pk
    assert client.get(f"/consular/contact/{pk}.vcf").status_code == 200
    assert client.get(f"/ru/consular/contact/{pk}.vcf").status_code == 200


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("path", HTML_PAGES)
def test_the_switcher_leads_to_the_same_page_in_the_other_language(client, path):
    english = client.get(path)
    assert '<html lang="en">' in english.content.decode()
    [(href, lang, hreflang, name)] = switcher_links(english)
    assert (lang, hreflang, name) == ("ru", "ru", "Русский")
    to_russian = client.get(href)
    assert to_russian["Location"] == f"/ru{path}"
    russian = client.get(to_russian["Location"])
    assert '<html lang="ru">' in russian.content.decode()
    [(href, lang, hreflang, name)] = switcher_links(russian)
    assert (lang, hreflang, name) == ("en", "en", "English")
    assert client.get(href)["Location"] == path


@pytest.mark.usefixtures("site")
def test_the_switcher_is_a_labelled_list_of_links(client):
    for path, label in [("/", "Language"), ("/ru/", "Язык")]:
        html = client.get(path).content.decode()
        assert f'<nav class="language-switcher" aria-label="{label}">\n  <ul>' in html


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("path", HTML_PAGES)
def test_each_page_names_its_alternates_and_the_default(client, path):
    expected = {
        "en": f"http://testserver{path}",
        "ru": f"http://testserver/ru{path}",
        "x-default": f"http://testserver{path}",
    }
    for address in (path, f"/ru{path}"):
        assert {k: unescape(v) for k, v in alternates(client.get(address)).items()} == expected


@pytest.mark.usefixtures("site")
def test_the_feeds_of_each_language_are_linked_from_its_pages_and_list_its_addresses(client):
    html = client.get("/ru/news/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/ru/news/feed/rss/"' in html
    assert 'href="/news/feed/rss/"' in client.get("/news/").content.decode()
    feed = client.get("/ru/news/feed/rss/").content.decode()
    assert "<language>ru</language>" in feed
    assert "http://testserver/ru/news/2022/06/11/speech/" in feed
    assert "<language>en</language>" in client.get("/news/feed/rss/").content.decode()


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("path", ["/news/2022/06/11/speech/", "/news/events/visit/"])
def test_an_item_page_says_its_language_to_other_sites(client, path):
    english, russian = client.get(path), client.get(f"/ru{path}")
    assert (meta(english, "og:locale"), meta(english, "og:locale:alternate")) == ("en_GB", "ru_RU")
    assert (meta(russian, "og:locale"), meta(russian, "og:locale:alternate")) == ("ru_RU", "en_GB")
    assert meta(russian, "og:url") == f"http://testserver/ru{path}"
    assert (json_ld(english)["inLanguage"], json_ld(russian)["inLanguage"]) == ("en", "ru")
    assert json_ld(russian)["url"] == f"http://testserver/ru{path}"


@pytest.mark.usefixtures("site")
def test_the_404_page_is_in_the_language_of_its_address(client):
    russian = client.get("/ru/news/2022/06/11/no-such-speech/")
    assert (russian.status_code, russian["Content-Language"]) == (404, "ru")
    assert 'href="/ru/"' in russian.content.decode()
    english = client.get("/news/2022/06/11/no-such-speech/")
    assert (english.status_code, english["Content-Language"]) == (404, "en")


def test_urls_are_reversed_in_the_active_language():
    article = make_article(slug="speech", published_at=datetime(2022, 6, 11, 9, tzinfo=UTC))
    with translation.override("ru"):
        assert article.get_absolute_url() == "/ru/news/2022/06/11/speech/"
    with translation.override("en"):
        assert article.get_absolute_url() == "/news/2022/06/11/speech/"


def test_the_404_page_leads_to_the_same_address_in_the_other_language(
    client, django_assert_num_queries
):
    client.get("/ru/no-such-page-yet/")  # the old addresses with a redirect, remembered
    with django_assert_num_queries(0):
        russian = client.get("/ru/no-such-page/")
    assert russian.status_code == 404
    switcher = russian.content.decode().split('class="language-switcher"', 1)[1].split("</nav>")[0]
    assert 'href="/language/en/?next=%2Fno-such-page%2F"' in switcher
    assert "English" in switcher


def follow_switcher(client, path: str) -> str:
    """The address the switcher on `path` leads to (through the language view)."""
    [(href, _lang, _hreflang, _name)] = switcher_links(client.get(path))
    return client.get(href)["Location"]


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    "path",
    [
        "/news/?kind=event&month=6&year=2022",
        "/news/?kind=speech&page=1&year=2022",
        "/news/search/?q=%D0%B2%D0%B8%D0%B7%D0%B8%D1%82",  # визит
        "/news/search/?q=%22a+speech%22+-visit",
    ],
)
def test_the_switcher_keeps_the_filters_and_the_query_both_ways(client, path):
    russian = follow_switcher(client, path)
    assert russian == f"/ru{path}"
    assert client.get(russian).status_code == 200
    assert follow_switcher(client, russian) == path


@pytest.mark.usefixtures("site")
def test_the_query_reaches_the_russian_search_page_intact(client):
    russian = follow_switcher(client, "/news/search/?q=%22a+speech%22")
    assert "По запросу «&quot;a speech&quot;»" in client.get(russian).content.decode()


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    "path", ["/news/2022/06/11/speech/", "/news/events/visit/", "/consular/", "/news/"]
)
def test_the_choice_made_on_a_page_sticks_across_requests(client, path):
    assert follow_switcher(client, path) == f"/ru{path}"
    # The browser asks for English; the choice wins: every unprefixed address sends to Russian.
    for other in ["/", "/news/events/", "/consular/"]:
        response = client.get(other, HTTP_ACCEPT_LANGUAGE="en")
        assert (response.status_code, response["Location"]) == (302, f"/ru{other}")
    assert follow_switcher(client, f"/ru{path}") == path
    response = client.get("/news/events/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (response.status_code, response["Content-Language"]) == (200, "en")


def test_the_site_name_is_marked_as_the_default_languages_on_other_pages(client, settings):
    settings.SITE_NAME = "Embassy in London"
    russian = client.get("/ru/").content.decode()
    assert (
        '<p class="site-name"><a href="/ru/"><span lang="en">Embassy in London</span></a>'
        in russian
    )
    assert '<span lang="en">Embassy in London</span>: официальный сайт.' in russian
    english = client.get("/").content.decode()
    assert '<p class="site-name"><a href="/">Embassy in London</a>' in english
