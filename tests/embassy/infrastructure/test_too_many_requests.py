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
