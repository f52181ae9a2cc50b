"""The first visit's redirect to the visitor's language, the switcher's view that remembers a
choice, and the site's languages read from the settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from embassy.settings import site_languages
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_first_visit_in_russian_is_redirected_to_the_russian_address(client):
    response = client.get(
        "/news/?kind=speech&page=2", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8"
    )
    assert response.status_code == 302
    assert response["Location"] == "/ru/news/?kind=speech&page=2"
    assert set(response["Vary"].split(", ")) >= {"Accept-Language", "Cookie"}
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("accept", ["en-GB,en;q=0.9", "", "de", "en;q=0.9,ru;q=0.8"])
def test_a_visitor_preferring_english_or_no_site_language_stays(client, accept):
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE=accept)
    assert (response.status_code, response["Content-Language"]) == (200, "en")


def test_the_language_cookie_wins_over_the_browser(client):
    client.cookies["django_language"] = "en"
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (response.status_code, response["Content-Language"]) == (200, "en")
    client.cookies["django_language"] = "ru"
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response["Location"]) == (302, "/ru/news/")


def test_an_address_in_a_language_is_never_redirected(client):
    client.cookies["django_language"] = "en"
    response = client.get("/ru/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response["Content-Language"]) == (200, "ru")


@pytest.mark.parametrize(
    "path", ["/sitemap.xml", "/robots.txt", "/healthz", "/admin/login/", "/no-such-page/"]
)
def test_addresses_with_one_language_are_not_redirected(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code != 302, path


def test_only_reads_are_redirected(client):
    response = client.post("/news/search/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code != 302


def test_the_switcher_remembers_the_choice_and_goes_to_the_page_in_that_language(client):
    article = make_article(slug="speech")
    response = client.get(f"/language/ru/?next={article.get_absolute_url()}")
    assert response.status_code == 302
    assert response["Location"] == f"/ru{article.get_absolute_url()}"
    assert response.cookies["django_language"].value == "ru"
    assert "no-store" in response["Cache-Control"]
    # The choice sticks: back at the English address the visitor is sent to the Russian one.
    assert client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ru/news/"
    response = client.get("/language/en/?next=/ru/news/search/%3Fq%3Dvisit")
    assert (response["Location"], response.cookies["django_language"].value) == (
        "/news/search/?q=visit",
        "en",
    )
    english = client.get("/news/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (english.status_code, english["Content-Language"]) == (200, "en")


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/news/",
        "//evil.example/news/",
        "/\\evil.example/news/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "news/",
        "/news/\r\nSet-Cookie: x=y",
    ],
)
def test_the_switcher_goes_to_no_other_site(client, next_url):
    response = client.get("/language/ru/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_the_switcher_knows_only_the_sites_languages(client):
    assert client.get("/language/de/?next=/").status_code == 404
    assert client.post("/language/ru/?next=/").status_code == 405


def test_the_languages_come_from_the_settings_the_default_first():
    assert [code for code, _name in site_languages(["fr", "ru"])] == ["fr", "ru"]
    for wrong in [[], ["en", "xx"], ["en", "en"]]:
        with pytest.raises(ImproperlyConfigured):
            site_languages(wrong)


def test_the_choice_is_kept_a_year_for_the_server_only(client):
    cookie = client.get("/language/ru/?next=/").cookies["django_language"]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")
    assert cookie["max-age"] == 365 * 24 * 60 * 60
