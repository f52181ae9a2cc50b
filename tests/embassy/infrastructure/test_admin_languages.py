"""Staff choose the admin's language (English or Russian) in its header, and the choice sticks:
the public switcher's view keeps it in the language cookie, which the admin follows (it has one
address for every language), and sends them back to the page they were on."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def language_links(page: str) -> dict[str, str]:
    """The admin header's language choice: {name: link}, the current language unlinked."""
    choice = re.search(r'<span class="admin-languages">(.*?)</span>', page, re.S)
    assert choice, "no language choice"
    return {
        name: unescape(href)
        for href, name in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', choice.group(1))
    }


def test_the_admin_offers_the_other_language_and_the_choice_sticks(admin_client):
    page = admin_client.get("/admin/news/article/?q=talks", HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "en"
    links = language_links(page.content.decode())
    assert links == {"Русский": "/language/ru/?next=/admin/news/article/%3Fq%3Dtalks"}
    assert '<strong lang="en" aria-current="true">English</strong>' in page.content.decode()

    response = admin_client.get(links["Русский"])
    # Back to the same admin page (the admin has no /ru/ address), the choice in the cookie.
    assert response["Location"] == "/admin/news/article/?q=talks"
    assert response.cookies["django_language"].value == "ru"
    for path in ["/admin/news/article/?q=talks", "/admin/", "/admin/consular/notice/"]:
        russian = admin_client.get(path, HTTP_ACCEPT_LANGUAGE="en")  # the choice wins
        assert russian["Content-Language"] == "ru", path
        assert "Выйти" in russian.content.decode()
        assert "Язык:" in russian.content.decode()

    links = language_links(admin_client.get("/admin/").content.decode())
    assert links == {"English": "/language/en/?next=/admin/"}
    admin_client.get(links["English"])
    english = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    assert english["Content-Language"] == "en"
    assert "Log out" in english.content.decode()


def test_the_public_switcher_still_leads_to_the_pages_language_address(client):
    assert client.get("/language/ru/?next=/news/")["Location"] == "/ru/news/"
    assert client.get("/language/en/?next=/ru/news/")["Location"] == "/news/"
