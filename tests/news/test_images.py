"""Pictures of articles and events: what Pillow may decode, what is refused, what is stored.

The first half tests news/lib/images.py alone (no database); the second saves real items and looks
at the files in the test's own MEDIA_ROOT.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.template.loader import render_to_string
from PIL import Image

from news import pictures
from news.lib import images
from news.models import Article
from tests.factories import make_article, make_event
from tests.news import image_files
from tests.news.image_files import media_files, upload

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}


def check(data: bytes, **limits):
    return images.open_checked(io.BytesIO(data), size=len(data), **(LIMITS | limits))


def refusal(data: bytes, **limits) -> str:
    with pytest.raises(images.ImageRefused) as caught:
        check(data, **limits)
    return caught.value.code


# The plain module


@pytest.mark.parametrize(
    ("data", "image_format"),
    [
        (image_files.jpeg(), "JPEG"),
        (image_files.png(), "PNG"),
        (image_files.png(alpha=True), "PNG"),
        (image_files.webp(), "WEBP"),
    ],
)
def test_jpeg_png_and_webp_are_accepted(data, image_format):
    assert check(data).format == image_format


def test_a_non_image_with_an_image_name_is_refused():
    assert refusal(image_files.NOT_AN_IMAGE) == "not_an_image"


@pytest.mark.parametrize("image_format", ["GIF", "BMP", "TIFF", "ICO", "PPM", "PCX"])
def test_pictures_in_other_formats_are_refused(image_format):
    assert refusal(image_files.refused_format(image_format)) == "not_an_image"


def test_no_decoder_but_jpeg_png_and_webp_ever_looks_at_an_upload(monkeypatch):
    Image.init()
    consulted = []

    def spy(name):
        def accept(prefix):
            consulted.append(name)
            return False

        return accept

    for name, (factory, _accept) in list(Image.OPEN.items()):
        if name not in images.ALLOWED_FORMATS:
            monkeypatch.setitem(Image.OPEN, name, (factory, spy(name)))
    for image_format in ["GIF", "BMP", "TIFF"]:
        refusal(image_files.refused_format(image_format))
    refusal(image_files.NOT_AN_IMAGE)
    assert consulted == []


def test_a_decompression_bomb_is_refused():
    # 400 megapixels declared in a file of a few dozen bytes.
    data = image_files.png_declaring(20_000, 20_000)
    assert len(data) < 200
    assert refusal(data) == "too_many_pixels"


def test_pillows_bomb_warning_is_an_error_just_over_the_limit():
    # 45 megapixels: over the limit, under twice it, where Pillow itself would only warn.
    assert refusal(image_files.png_declaring(9_000, 5_000)) == "too_many_pixels"


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened():
    data = image_files.jpeg()
    assert refusal(data, max_bytes=len(data) - 1) == "too_large"


def test_a_truncated_picture_is_refused():
    assert refusal(image_files.jpeg(400, 300)[:500]) == "damaged"


def test_every_refusal_has_a_message_for_the_form():
    assert set(pictures.MESSAGES) == set(images.REASONS)


@pytest.mark.parametrize(
    ("width", "height", "alpha", "max_side"),
    [
        (1, 1, False, None),
        (100, 16_383, False, None),
        (100, 16_384, False, 16_383),  # stored whole as a WebP rendition
        (100, 20_000, False, 16_383),
        (2_000, 20_000, False, None),  # its widest rendition is 1600 x 16000
        (1_700, 23_500, False, 16_383),  # ... and this one's 1600 x 22118
        (20_000, 500, False, None),  # a panorama: the renditions are 1600 wide
        (65_500, 10, False, None),
        (65_501, 10, False, 65_500),  # the master is a JPEG
        (70_000, 10, False, 65_500),
        (70_000, 10, True, None),  # ... or a PNG, for a picture with transparency
        (10, 70_000, True, 16_383),
        (100, 70_000, False, 16_383),  # both broken: the smaller limit is the one to meet
    ],
)
def test_every_stored_file_must_fit_its_format(width, height, alpha, max_side):
    if max_side is None:
        images.check_sides(width, height, alpha=alpha)
        return
    with pytest.raises(images.ImageRefused) as caught:
        images.check_sides(width, height, alpha=alpha)
    assert caught.value.code == "side_too_long"
    assert caught.value.params == {"width": width, "height": height, "max_side": max_side}


def test_the_sides_are_checked_the_way_up_the_picture_is_stored():
    assert check(image_files.jpeg(20_000, 10)).size == (20_000, 10)
    assert refusal(image_files.jpeg(20_000, 10, orientation=6)) == "side_too_long"


@pytest.mark.parametrize("orientation", range(1, 9))
def test_the_upright_size_is_the_size_cleaning_gives(orientation):
    picture = check(image_files.jpeg(40, 20, orientation=orientation))
    assert images.upright_size(picture) == images.clean(picture).size


def test_cleaning_applies_the_exif_orientation_and_keeps_no_metadata():
    original = check(image_files.jpeg(40, 20, orientation=6, gps=True))
    assert original.getexif().get_ifd(0x8825)  # the upload does carry a GPS position
    cleaned = images.clean(original)
    assert cleaned.size == (20, 40)  # turned upright
    assert cleaned.getpixel((10, 2))[0] > 150  # the red half is now on top
    assert cleaned.info == {}
    stored = Image.open(io.BytesIO(images.encode_master(cleaned).data))
    assert not stored.getexif()
    assert "exif" not in stored.info


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (3000, [480, 960, 1600]),
        (1600, [480, 960, 1600]),
        (1000, [480, 1000]),
        (700, [480, 700]),
        (500, [500]),
        (300, [300]),
    ],
)
def test_renditions_are_never_wider_than_the_picture(width, widths):
    assert images.rendition_widths(width) == widths


def test_renditions_are_webp_with_a_jpeg_fallback():
    pairs = images.renditions(images.clean(check(image_files.jpeg(1000, 500))))
    assert [(webp.width, webp.height) for webp, _ in pairs] == [(480, 240), (1000, 500)]
    for webp, fallback in pairs:
        assert Image.open(io.BytesIO(webp.data)).format == "WEBP"
        assert Image.open(io.BytesIO(fallback.data)).format == "JPEG"
        assert Image.open(io.BytesIO(fallback.data)).size == (webp.width, webp.height)


def test_a_very_wide_picture_gets_renditions_a_pixel_high():
    assert images.rendition_sizes(70_000, 10) == [(480, 1), (960, 1), (1600, 1)]
    pairs = images.renditions(images.clean(check(image_files.png(70_000, 10, alpha=True))))
    assert [(webp.width, webp.height) for webp, _ in pairs] == [(480, 1), (960, 1), (1600, 1)]


def test_a_picture_with_transparency_falls_back_to_png_and_keeps_it():
    pairs = images.renditions(images.clean(check(image_files.png(600, 300, alpha=True))))
    for webp, fallback in pairs:
        assert Image.open(io.BytesIO(fallback.data)).format == "PNG"
        assert Image.open(io.BytesIO(fallback.data)).mode == "RGBA"
        assert Image.open(io.BytesIO(webp.data)).mode == "RGBA"


def two_pixels(mode: str, left, right, palette=None, **info) -> Image.Image:
    image = Image.new(mode, (2, 1))
    if palette:
        image.putpalette(palette)
    image.putpixel((0, 0), left)
    image.putpixel((1, 0), right)
    image.info.update(info)
    return image


RED_ON_BLACK = [0, 0, 0, 200, 20, 20]


@pytest.mark.parametrize(
    ("image", "pixels"),
    [
        (two_pixels("1", 0, 255), [(0, 0, 0), (255, 255, 255)]),
        (two_pixels("L", 30, 200), [(30, 30, 30), (200, 200, 200)]),
        (two_pixels("L", 30, 200, transparency=30), [(30, 30, 30, 0), (200, 200, 200, 255)]),
        (two_pixels("LA", (30, 0), (200, 128)), [(30, 30, 30, 0), (200, 200, 200, 128)]),
        (two_pixels("P", 0, 1, RED_ON_BLACK), [(0, 0, 0), (200, 20, 20)]),
        (
            two_pixels("P", 0, 1, RED_ON_BLACK, transparency=0),
            [(0, 0, 0, 0), (200, 20, 20, 255)],
        ),
        (two_pixels("PA", (0, 255), (1, 0), RED_ON_BLACK), [(0, 0, 0, 255), (200, 20, 20, 0)]),
        (
            two_pixels("RGB", (1, 2, 3), (200, 20, 20), transparency=(1, 2, 3)),
            [(1, 2, 3, 0), (200, 20, 20, 255)],
        ),
        (two_pixels("CMYK", (0, 255, 255, 0), (0, 0, 0, 255)), [(255, 0, 0), (0, 0, 0)]),
        # 16 bits a sample: 0-65535 scaled to 0-255, not clipped at 255.
        (two_pixels("I;16", 2570, 32896), [(10, 10, 10), (128, 128, 128)]),
        (two_pixels("I;16B", 2570, 65535), [(10, 10, 10), (255, 255, 255)]),
        (two_pixels("I", 2570, 32896), [(10, 10, 10), (128, 128, 128)]),
        (two_pixels("F", 2570.0, 32896.0), [(10, 10, 10), (128, 128, 128)]),
        (
            two_pixels("I;16", 2570, 32896, transparency=2570),
            [(10, 10, 10, 0), (128, 128, 128, 255)],
        ),
    ],
    ids=[
        "1",
        "L",
        "L with a transparent grey",
        "LA",
        "P",
        "P with a transparent colour",
        "PA",
        "RGB with a transparent colour",
        "CMYK",
        "I;16",
        "I;16B",
        "I",
        "F",
        "I;16 with a transparent grey",
    ],
)
def test_every_mode_becomes_8_bit_rgb_keeping_tones_and_transparency(image, pixels):
    cleaned = images.clean(image)
    assert cleaned.mode == ("RGBA" if len(pixels[0]) == 4 else "RGB")
    assert [cleaned.getpixel((0, 0)), cleaned.getpixel((1, 0))] == pixels


def test_a_16_bit_png_with_a_transparent_grey_keeps_it_transparent():
    grey = two_pixels("I;16", 1000, 40_000)
    picture = check(image_files.encode(grey, "PNG", transparency=1000))
    assert picture.mode == "I;16"
    webp, fallback = images.renditions(images.clean(picture))[0]
    for encoded in (webp, fallback):
        stored = Image.open(io.BytesIO(encoded.data)).convert("RGBA")
        hidden, shown = stored.getpixel((0, 0)), stored.getpixel((1, 0))
        assert (hidden[3], shown[3]) == (0, 255)
        assert abs(shown[0] - 40_000 / 257) <= 2  # WebP is lossy


# Items with pictures


@pytest.mark.django_db
def test_a_saved_picture_gets_a_random_name_and_renditions(settings):
    article = make_article(
        image=upload(image_files.jpeg(2000, 1000), "../../Secret plans of the embassy.jpg"),
        image_alt="Two colours",
    )
    record = article.image_renditions
    assert article.image.name == record["master"]
    assert article.image.name.startswith("images/")
    assert "Secret" not in article.image.name and ".." not in article.image.name
    assert (record["width"], record["height"]) == (2000, 1000)
    assert record["fallback_type"] == "image/jpeg"
    sizes = []
    for rendition in record["renditions"]:
        with Image.open(Path(settings.MEDIA_ROOT) / rendition["webp"]) as webp:
            assert webp.format == "WEBP"
            sizes.append(webp.size)
        with Image.open(Path(settings.MEDIA_ROOT) / rendition["fallback"]) as fallback:
            assert (fallback.format, fallback.size) == ("JPEG", webp.size)
    assert sizes == [(480, 240), (960, 480), (1600, 800)]
    assert len(media_files(settings)) == 7  # the master and three pairs


@pytest.mark.django_db
def test_exif_orientation_is_applied_and_gps_gone_after_save(settings):
    article = make_article(
        image=upload(image_files.jpeg(40, 20, orientation=6, gps=True)), image_alt="Upright"
    )
    assert (article.image_renditions["width"], article.image_renditions["height"]) == (20, 40)
    for path in media_files(settings):
        data = path.read_bytes()
        with Image.open(path) as stored:
            assert not stored.getexif(), path
        assert b"Exif" not in data and b"Example camera" not in data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (image_files.NOT_AN_IMAGE, "not_an_image"),
        (image_files.refused_format("GIF"), "not_an_image"),
        (image_files.png_declaring(20_000, 20_000), "too_many_pixels"),
        (image_files.png(100, 20_000), "side_too_long"),
    ],
)
def test_a_refused_picture_saves_nothing(settings, data, code):
    with pytest.raises(ValidationError) as caught:
        make_article(image=upload(data), image_alt="x")
    assert caught.value.error_dict["image"][0].code == code
    assert not Article.objects.exists()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_an_oversize_picture_saves_nothing(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    article = Article(title="Big", slug="big", image=upload(image_files.jpeg(400, 300, gps=True)))
    article.image_alt = "Big"
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    message = caught.value.message_dict["image"][0]
    assert "1000\xa0bytes" in message and "at most" in message
    with pytest.raises(ValidationError):
        article.save()
    assert not Article.objects.exists()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_a_16_bit_greyscale_picture_keeps_its_tones(settings):
    article = make_article(image=upload(image_files.grey_16_bit(), "scan.png"), image_alt="Grey")
    record = article.image_renditions
    rendition = record["renditions"][-1]
    for name in (record["master"], rendition["webp"], rendition["fallback"]):
        with Image.open(Path(settings.MEDIA_ROOT) / name) as stored:
            grey = stored.convert("L")
        for x in (0, 30, 128, 200, 255):  # black, dark, mid-grey, light, white
            assert abs(grey.getpixel((x, 2)) - x) <= 8, (name, x, grey.getpixel((x, 2)))


@pytest.mark.django_db
def test_no_files_are_left_when_the_row_cannot_be_saved(settings):
    make_article(slug="taken")
    with pytest.raises(IntegrityError):
        make_article(slug="taken", image=upload(image_files.jpeg(600, 300)), image_alt="x")
    assert media_files(settings) == []


@pytest.mark.django_db
def test_alt_text_is_required_with_a_picture():
    article = Article(title="Photo", slug="photo", image=upload(image_files.jpeg()))
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert "alt text is required" in caught.value.message_dict["image_alt_en"][0]


@pytest.mark.django_db
def test_replacing_and_removing_a_picture_deletes_its_files(
    settings, django_capture_on_commit_callbacks
):
    article = make_article(image=upload(image_files.jpeg(1000, 500)), image_alt="First")
    first = set(media_files(settings))
    assert len(first) == 5
    with django_capture_on_commit_callbacks(execute=True):
        article.image = upload(image_files.png(600, 300, alpha=True), "new.png")
        article.save()
    second = set(media_files(settings))
    assert len(second) == 5 and not first & second
    assert article.image_renditions["fallback_type"] == "image/png"
    with django_capture_on_commit_callbacks(execute=True):
        article.image = ""
        article.save()
    assert media_files(settings) == []
    assert article.image_renditions == {}


@pytest.mark.django_db
def test_deleting_an_item_deletes_its_picture_files(settings, django_capture_on_commit_callbacks):
    event = make_event(image=upload(image_files.webp(500, 250)), image_alt="An event")
    assert media_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_saving_other_fields_does_not_touch_the_picture(settings):
    article = make_article(image=upload(image_files.jpeg(600, 300)), image_alt="Kept")
    before = media_files(settings)
    article = Article.objects.get(pk=article.pk)
    article.title = "Renamed"
    article.save()
    article.save(update_fields=["title"])
    assert media_files(settings) == before


@pytest.mark.django_db
def test_field_file_save_goes_through_the_same_checks(settings):
    article = make_article(image_alt="Via the file API")
    article.image.save("holiday.jpg", ContentFile(image_files.jpeg(600, 300, gps=True)))
    article.refresh_from_db()
    assert article.image.name == article.image_renditions["master"]
    assert "holiday" not in article.image.name
    assert all(b"Exif" not in path.read_bytes() for path in media_files(settings))
    with pytest.raises(ValidationError):
        article.image.save("bad.jpg", ContentFile(image_files.NOT_AN_IMAGE))
    assert len(media_files(settings)) == 5


@pytest.mark.django_db
def test_bulk_create_refuses_pictures_it_cannot_check(settings):
    article = Article(title="Bulk", slug="bulk", image=upload(image_files.jpeg()))
    with pytest.raises(ValueError, match="save"):
        Article.objects.bulk_create([article])
    assert not Article.objects.exists() and media_files(settings) == []


@pytest.mark.django_db
def test_picture_include_serves_webp_and_fallback_srcsets():
    article = make_article(
        image=upload(image_files.jpeg(1200, 600)),
        image_alt="Ministers at the table",
        image_caption="The talks in Yerevan",
    )
    html = render_to_string("includes/picture.html", {"item": article})
    assert "<picture>" in html
    webp = [r["webp"] for r in article.image_renditions["renditions"]]
    fallback = [r["fallback"] for r in article.image_renditions["renditions"]]
    assert f'srcset="/media/{webp[0]} 480w, /media/{webp[1]} 960w, /media/{webp[2]} 1200w"' in html
    assert f"/media/{fallback[0]} 480w, /media/{fallback[1]} 960w" in html
    assert '<source type="image/webp"' in html
    assert f'src="/media/{fallback[1]}"' in html
    assert 'width="1200" height="600"' in html
    assert 'alt="Ministers at the table"' in html
    assert 'loading="lazy"' in html and "sizes=" in html
    assert "fetchpriority" not in html
    assert "<figcaption>The talks in Yerevan</figcaption>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "make_item"),
    [("home", make_article), ("item", make_article), ("item", make_event)],
)
@pytest.mark.parametrize("renditions", [True, False])
def test_the_lead_picture_of_a_page_is_fetched_first(client, page, make_item, renditions):
    item = make_item(image=upload(image_files.jpeg(1200, 600)), image_alt="The talks")
    if not renditions:
        type(item).objects.filter(pk=item.pk).update(image_renditions={})
    html = client.get("/" if page == "home" else item.get_absolute_url()).content.decode()
    img = re.search(r'<img [^>]*alt="The talks"[^>]*>', html)[0]
    assert 'fetchpriority="high"' in img
    assert "loading=" not in img


@pytest.mark.django_db
def test_picture_include_shows_nothing_without_a_picture():
    assert render_to_string("includes/picture.html", {"item": make_article()}).strip() == ""


@pytest.mark.django_db
def test_picture_include_falls_back_to_a_picture_stored_before_renditions():
    article = make_article(image_alt="An old picture")
    Article.objects.filter(pk=article.pk).update(image="images/2020/01/old.jpg")
    html = render_to_string("includes/picture.html", {"item": Article.objects.get(pk=article.pk)})
    assert '<img src="/media/images/2020/01/old.jpg" alt="An old picture"' in html
    assert "<picture>" not in html
