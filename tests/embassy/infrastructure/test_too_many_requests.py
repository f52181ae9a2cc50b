"""The page the reverse proxy shows an address over its rate limit (deploy/nginx.conf)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_429_page_is_the_sites_own_costs_no_query_and_is_never_stored(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/too-many-requests/")
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Too many requests</h1>" in html
    assert 'class="page page--error"' in html
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    assert client.post("/too-many-requests/").status_code == 405


def test_the_429_page_is_in_the_visitors_language(client):
    """Its one address is the proxy's, whatever page was asked for: the visitor's language
    cookie, else their browser's, says the language."""
    response = client.get("/too-many-requests/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (response.status_code, response["Content-Language"]) == (429, "ru")
    assert '<html lang="ru">' in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get("/too-many-requests/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "<h1>Too many requests</h1>" in response.content.decode()
