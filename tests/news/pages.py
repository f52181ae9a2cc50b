"""Helpers of the newsroom's page tests."""

import io
import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from embassy.sitewide import header


def text(response) -> str:
    """The page as a visitor reads it: tags removed, white space folded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def main(response) -> str:
    """The HTML of the page's <main> only."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# Reading the header's rows: the clocks with the counters, the contact, the urgent notices.
HEADER_QUERIES = 3


def warm_header() -> None:
    """Cache the header's rows, so a query count measures the page's own queries."""
    header.cached_rows()


def json_ld(response) -> dict:
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(response, name: str) -> str | None:
    html = response.content.decode()
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match and match.group(1)


def jpeg_upload(name: str = "photo.jpg", size=(600, 400)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def page_queries(own: int) -> int:
    """What django_assert_num_queries sees for a page making `own` queries: with
    ATOMIC_REQUESTS, inside a test's transaction, the view also opens and releases a savepoint."""
    from django.db import connection

    return own + (2 if connection.settings_dict.get("ATOMIC_REQUESTS") else 0)
