"""The press office sees each item's picture in the admin: a thumbnail (the smallest rendition,
with the item's alt text) in the article and event lists, at no query per row, and the current
picture beside the file input of the change form. Sized by the admin's stylesheet, not by an
inline style (the admin's Content-Security-Policy allows none)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_event
from tests.news.image_files import jpeg_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def with_picture(item, alt):
    item.image = jpeg_upload(size=(1200, 800))
    item.image_alt = alt
    item.save()
    return item


def thumbnails(html):
    return re.findall(r'<img src="([^"]+)"[^>]*class="admin-thumbnail"[^>]*>', html)


def test_the_article_list_shows_the_smallest_rendition_with_its_alt_text(admin_client):
    article = with_picture(make_article("Talks"), alt="The ministers at the table")
    make_article("No picture")
    html = admin_client.get("/admin/news/article/").content.decode()
    smallest = article.image_renditions["renditions"][0]
    assert smallest["width"] == 480
    cells = re.findall(r'<td class="field-thumbnail">(.*?)</td>', html)
    tag = (
        f'<img src="/media/{smallest["fallback"]}" alt="The ministers at the table" '
        f'width="{smallest["width"]}" height="{smallest["height"]}" class="admin-thumbnail">'
    )
    assert sorted(cells) == sorted([tag, "-"])  # the item without a picture: the admin's "-"


def test_the_event_list_shows_thumbnails(admin_client):
    event = with_picture(make_event("Reception"), alt="Guests in the garden")
    html = admin_client.get("/admin/news/event/").content.decode()
    assert thumbnails(html) == [f"/media/{event.image_renditions['renditions'][0]['fallback']}"]
    assert 'alt="Guests in the garden"' in html


@pytest.mark.parametrize(("make", "path"), [(make_article, "article"), (make_event, "event")])
def test_thumbnails_cost_no_query_per_row(admin_client, make, path):
    with_picture(make(), alt="One")

    def count(items):
        with CaptureQueriesContext(connection) as queries:
            html = admin_client.get(f"/admin/news/{path}/").content.decode()
        assert len(thumbnails(html)) == items
        return len(queries)

    few = count(1)
    for n in range(5):
        with_picture(make(), alt=f"More {n}")
    assert count(6) == few


def test_the_change_form_shows_the_current_picture_beside_the_file_input(admin_client):
    article = with_picture(make_article("Talks"), alt="The ministers at the table")
    html = admin_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    fallback = article.image_renditions["renditions"][0]["fallback"]
    assert thumbnails(html) == [f"/media/{fallback}"]
    # On the file input's line of the form.
    line = re.search(
        r'<div class="form-row field-image field-current_picture">.*?</fieldset>', html, re.S
    )
    assert line and 'type="file"' in line.group(0) and "admin-thumbnail" in line.group(0)


def test_an_item_without_a_picture_says_so(admin_client):
    article = make_article("No picture")
    for page in [f"/admin/news/article/{article.pk}/change/", "/admin/news/article/add/"]:
        html = admin_client.get(page).content.decode()
        assert "No picture yet." in html
        assert thumbnails(html) == []


def test_the_thumbnail_is_sized_by_the_admin_stylesheet():
    css = Path(finders.find("news/admin-editor.css")).read_text()
    assert ".admin-thumbnail" in css
