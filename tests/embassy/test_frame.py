"""The page frame every page shares, and the error pages that must work without a database."""

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_home_page_has_landmarks_language_and_skip_link(client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert "/static/css/site.css" in html


def test_unknown_page_is_a_styled_404_without_database_queries(client, django_assert_num_queries):
    client.get("/no-such-page-yet/")  # the old addresses with a redirect, remembered
    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "site.css" in html


def test_500_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "site.css" in html


def test_static_files_are_served_by_whitenoise(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "text/css" in response["Content-Type"]
