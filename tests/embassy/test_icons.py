"""The favicon and touch icons are static files every page names, error pages too."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/ru/news/", "/no-such-page/"])
def test_every_page_names_its_icons(client, path):
    page = client.get(path).content.decode()
    assert '<link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in page


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/icons/favicon.svg", "image/svg+xml"),
        ("/static/icons/favicon.ico", "image/"),
        ("/static/icons/apple-touch-icon.png", "image/png"),
    ],
)
def test_the_icons_are_served_as_static_files(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_favicon_ico_at_the_root_leads_to_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/icons/favicon.ico"
