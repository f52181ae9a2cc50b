"""Property-based tests of picture uploads: whatever valid picture the press office uploads, of
any size, shape or mode, the admin either stores it with its renditions or refuses it with a
form error naming a limit the picture breaks; never a server error.

The pictures are cheap to make however long a side: two flat tones, one long side and one short,
so a 70000-pixel side costs little memory and a few hundred bytes of file. Django's test client
re-raises an exception from a view, so a crash fails with its traceback.
"""

import io
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.ExifTags import Base

from news import pictures
from news.lib import images
from news.models import Article, Kind, Status
from tests.helpers import admin_form, verified_login

FUZZ = settings(
    max_examples=60,
    deadline=None,
    # The same examples on every run, so CI never meets a new one by chance.
    derandomize=True,
    # Each example uploads under a slug of its own to the test's own database and media folder.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What Pillow can write in each format (so what an upload can be), and the tones of the two
# halves in each mode: black and white, greys, colours, 16-bit greys, with alpha or without.
MODES = {
    "PNG": ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"],
    "JPEG": ["L", "RGB", "CMYK"],
    "WEBP": ["RGB", "RGBA"],
}
TONES = {
    "1": (0, 255),
    "L": (30, 200),
    "LA": ((30, 255), (200, 0)),
    "P": (0, 1),
    "RGB": ((200, 20, 20), (20, 20, 200)),
    "RGBA": ((200, 20, 20, 255), (20, 20, 200, 0)),
    "I;16": (1000, 40_000),
    "CMYK": ((0, 255, 255, 0), (255, 255, 0, 0)),
}
# Modes in which a PNG can name one colour transparent.
TRANSPARENT_COLOUR = {"1", "L", "P", "RGB", "I;16"}
# Lengths around every one that matters: the rendition widths and each format's longest side.
EDGES = [1, 2, 479, 480, 1600, 1601, 16_383, 16_384, 65_500, 65_501, 70_000]


@dataclass(frozen=True)
class Upload:
    described: str
    upright: tuple[int, int]  # the size once the EXIF orientation is applied
    data: bytes = field(repr=False)  # a falsifying example is reported by its description


def upload_of(
    image_format: str,
    mode: str,
    width: int,
    height: int,
    *,
    transparent: bool = False,
    orientation: int = 1,
) -> Upload:
    first, second = TONES[mode]
    image = Image.new(mode, (width, height), first)
    image.paste(second, (width // 2, 0, width, height))
    if mode == "P":
        image.putpalette([0, 0, 0, 200, 20, 20])
    params = {"transparency": first} if transparent else {}
    if orientation != 1:
        exif = Image.Exif()
        exif[Base.Orientation] = orientation
        params["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    upright = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    described = (
        f"{width} x {height} {image_format} in mode {mode}"
        f"{' with a transparent colour' if transparent else ''}, EXIF orientation {orientation}"
    )
    return Upload(described, upright, buffer.getvalue())


@st.composite
def uploads(draw) -> Upload:
    """A picture in any format and mode Pillow writes, long or tall, maybe to be turned."""
    image_format = draw(st.sampled_from(["PNG", "PNG", "JPEG", "WEBP"]))
    mode = draw(st.sampled_from(MODES[image_format]))
    longest = min(images.MAX_SIDE[image_format], EDGES[-1])  # no longer file can be made
    long_side = draw(
        st.one_of(
            st.sampled_from([side for side in EDGES if side <= longest]),
            st.integers(1, longest),
        )
    )
    short_side = draw(st.integers(1, 40))
    width, height = draw(st.sampled_from([(long_side, short_side), (short_side, long_side)]))
    return upload_of(
        image_format,
        mode,
        width,
        height,
        transparent=image_format == "PNG" and mode in TRANSPARENT_COLOUR and draw(st.booleans()),
        orientation=draw(st.sampled_from([1, 1, 3, 6, 8])),
    )


_slugs = count(1)


def upload_form(data: bytes, slug: str) -> dict:
    return admin_form(
        {
            "kind": Kind.SPEECH,
            "title": "A picture",
            "slug": slug,
            "image": SimpleUploadedFile("picture", data),
            "image_alt": "A picture",
            "status": Status.DRAFT,
            "published_at_0": "2022-06-28",
            "published_at_1": "10:00:00",
        }
    )


@pytest.fixture
def editor(client, db):
    verified_login(client, User.objects.create_superuser("editor", password="pw"))
    return client


@FUZZ
@given(upload=uploads())
@example(upload=upload_of("PNG", "RGB", 100, 20_000))  # the two of the issue
@example(upload=upload_of("PNG", "RGB", 70_000, 10))
@example(upload=upload_of("PNG", "RGBA", 70_000, 10))
@example(upload=upload_of("PNG", "I;16", 1, 1))
@example(upload=upload_of("JPEG", "L", 10, 65_500, orientation=6))
@example(upload=upload_of("WEBP", "RGBA", 16_383, 1))
def test_every_upload_is_stored_with_renditions_or_refused_with_a_form_error(
    editor, settings, upload
):
    slug = f"picture-{next(_slugs)}"
    response = editor.post("/admin/news/article/add/", upload_form(upload.data, slug))
    if response.status_code == 302:
        event("stored")
        record = Article.objects.get(slug=slug).image_renditions
        assert (record["width"], record["height"]) == upload.upright, upload.described
        assert record["renditions"], upload.described
        for name in pictures.files_of(record):
            assert (Path(settings.MEDIA_ROOT) / name).is_file(), (upload.described, name)
        return
    assert response.status_code == 200, upload.described
    errors = response.context["adminform"].form.errors.as_data()
    assert list(errors) == ["image"], (upload.described, errors)
    (error,) = errors["image"]
    event(f"refused: {error.code}")
    # Refused only for a side longer than the limit the message names.
    assert error.code == "side_too_long", (upload.described, error)
    assert (error.params["width"], error.params["height"]) == upload.upright
    assert max(upload.upright) > error.params["max_side"], upload.described
    assert not Article.objects.filter(slug=slug).exists()
