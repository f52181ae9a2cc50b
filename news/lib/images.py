"""Checking, cleaning and resizing uploaded pictures with Pillow; no Django here.

An upload goes through three steps, each refusing anything doubtful with an ImageRefused:
  1. `open_checked`: the size in bytes, then Pillow opens it with the JPEG, PNG and WebP
     decoders only (no other format's code ever runs on it), with the decompression-bomb check
     made an error, and decodes every pixel (a truncated or damaged file fails here).
  2. `clean`: EXIF orientation applied, then a fresh image made of the pixels alone, so no
     metadata (EXIF, GPS, XMP, comments) can come along.
  3. `encode_master` / `renditions`: the stored picture and its smaller copies, each in WebP and
     in a fallback every browser reads (JPEG, or PNG when the picture has transparency).
"""

import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP")
ACCEPT: str = "image/jpeg,image/png,image/webp"
RENDITION_WIDTHS: tuple[int, ...] = (480, 960, 1600)

JPEG_QUALITY = 85
WEBP_QUALITY = 80


class ImageRefused(ValueError):
    """The upload is not a picture the site accepts; `code` says why (see REASONS)."""

    def __init__(self, code: str, **params: int | str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


REASONS = ("too_large", "not_an_image", "too_many_pixels", "damaged")


@dataclass(frozen=True)
class Encoded:
    data: bytes
    width: int
    height: int
    extension: str  # "jpg", "png" or "webp"
    content_type: str


def open_checked(fp: BinaryIO, *, size: int, max_bytes: int, max_pixels: int) -> Image.Image:
    """The fully decoded picture of an upload of `size` bytes, or ImageRefused.

    Sets Pillow's process-wide MAX_IMAGE_PIXELS to `max_pixels` (every caller passes the same
    setting): its own check then runs as soon as the header is read, before any decoding.
    """
    if size > max_bytes:
        raise ImageRefused("too_large", size=size, max_bytes=max_bytes)
    Image.MAX_IMAGE_PIXELS = max_pixels
    fp.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fp, formats=ALLOWED_FORMATS)
            # Pillow's check is skipped when something else set the limit to None meanwhile.
            if image.width * image.height <= max_pixels:
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ImageRefused("too_many_pixels", max_pixels=max_pixels) from error
    except UnidentifiedImageError as error:
        raise ImageRefused("not_an_image") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRefused("damaged") from error
    finally:
        fp.seek(0)
    if image.width * image.height > max_pixels:
        raise ImageRefused("too_many_pixels", max_pixels=max_pixels)
    return image


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def clean(image: Image.Image) -> Image.Image:
    """The picture upright and with nothing but its pixels: a new image, so none of the
    original's metadata (EXIF with GPS, XMP, text chunks, comments, ICC) is carried over."""
    upright = ImageOps.exif_transpose(image) or image
    mode = "RGBA" if has_alpha(upright) else "RGB"
    pixels = upright.convert(mode)
    fresh = Image.new(mode, pixels.size)
    fresh.paste(pixels)
    return fresh


def _encode(image: Image.Image, image_format: str) -> Encoded:
    buffer = io.BytesIO()
    if image_format == "WEBP":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
        extension, content_type = "webp", "image/webp"
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
        extension, content_type = "png", "image/png"
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        extension, content_type = "jpg", "image/jpeg"
    return Encoded(buffer.getvalue(), image.width, image.height, extension, content_type)


def fallback_format(image: Image.Image) -> str:
    return "PNG" if image.mode == "RGBA" else "JPEG"


def encode_master(image: Image.Image) -> Encoded:
    """The stored picture at full size, in the fallback format (JPEG, or PNG with alpha)."""
    return _encode(image, fallback_format(image))


def rendition_widths(width: int, widths: tuple[int, ...] = RENDITION_WIDTHS) -> list[int]:
    """The widths to make for a picture `width` pixels wide: never wider than the picture (no
    upscaling), and none within 10% of the largest, which would add a file but no choice."""
    largest = min(width, max(widths))
    return [target for target in sorted(widths) if target < largest * 0.9] + [largest]


def renditions(
    image: Image.Image, widths: tuple[int, ...] = RENDITION_WIDTHS
) -> list[tuple[Encoded, Encoded]]:
    """(WebP, fallback) pairs of the cleaned `image`, smallest first."""
    pairs = []
    for width in rendition_widths(image.width, widths):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        pairs.append((_encode(resized, "WEBP"), _encode(resized, fallback_format(image))))
    return pairs
