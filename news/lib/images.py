"""Checking, cleaning and resizing uploaded pictures with Pillow; no Django here.

An upload goes through three steps, each refusing anything doubtful with an ImageRefused:
  1. `open_checked`: the size in bytes, then Pillow opens it with the JPEG, PNG and WebP
     decoders only (no other format's code ever runs on it), with the decompression-bomb check
     made an error, and decodes every pixel (a truncated or damaged file fails here); last,
     `check_sides`: every file it will be stored as fits its format (see MAX_SIDE).
  2. `clean`: EXIF orientation applied, the pixels brought to 8-bit RGB (RGBA with
     transparency) keeping their tones, then a fresh image made of the pixels alone, so no
     metadata (EXIF, GPS, XMP, comments) can come along.
  3. `encode_master` / `renditions`: the stored picture and its smaller copies, each in WebP and
     in a fallback every browser reads (JPEG, or PNG when the picture has transparency).
"""

import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageMath, ImageOps, UnidentifiedImageError
from PIL.ExifTags import Base

ALLOWED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP")
ACCEPT: str = "image/jpeg,image/png,image/webp"
RENDITION_WIDTHS: tuple[int, ...] = (480, 960, 1600)

# Modes of more than 8 bits a sample, read as running from 0 to 65535: a 16-bit greyscale PNG
# opens as I;16 (as I in older Pillows); no accepted format gives F, but it is read the same way.
DEEP_MODES: tuple[str, ...] = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")

JPEG_QUALITY = 85
WEBP_QUALITY = 80

# The longest side each format the site writes can hold, as Pillow's encoders enforce it:
# libwebp's WEBP_MAX_DIMENSION, and libjpeg's JPEG_MAX_DIMENSION (a little under the 65535 a
# JPEG header could declare); PNG stores a side in 31 bits. An encoder fails only when it is
# given a longer side, long after the upload was accepted, so check_sides looks ahead.
MAX_SIDE: dict[str, int] = {"WEBP": 16383, "JPEG": 65500, "PNG": 2**31 - 1}


class ImageRefused(ValueError):
    """The upload is not a picture the site accepts; `code` says why (see REASONS)."""

    def __init__(self, code: str, **params: int | str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


REASONS = ("too_large", "not_an_image", "too_many_pixels", "damaged", "side_too_long")


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
    width, height = upright_size(image)
    check_sides(width, height, alpha=has_alpha(image))
    return image


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The size `clean` gives the picture: EXIF orientations 5 to 8 turn it a quarter."""
    turned = image.getexif().get(Base.Orientation, 1) in (5, 6, 7, 8)
    return (image.height, image.width) if turned else (image.width, image.height)


def check_sides(width: int, height: int, *, alpha: bool) -> None:
    """ImageRefused("side_too_long") when a file the upright picture would be stored as has a
    side longer than its format can hold. Names the smallest limit broken: scaled down to it, the
    picture fits every file (a rendition's sides are never longer than the picture's)."""
    broken = [
        MAX_SIDE[image_format]
        for image_format, file_width, file_height in stored_sizes(width, height, alpha=alpha)
        if max(file_width, file_height) > MAX_SIDE[image_format]
    ]
    if broken:
        raise ImageRefused("side_too_long", width=width, height=height, max_side=min(broken))


def stored_sizes(width: int, height: int, *, alpha: bool) -> list[tuple[str, int, int]]:
    """(format, width, height) of every file a cleaned picture of this size is stored as: the
    master at full size, and each rendition in WebP and in the fallback format."""
    fallback = fallback_format(alpha)
    files = [(fallback, width, height)]
    for size in rendition_sizes(width, height):
        files += [("WEBP", *size), (fallback, *size)]
    return files


def has_alpha(image: Image.Image) -> bool:
    """An alpha band, or a PNG's transparent colour (of a palette, grey or RGB picture)."""
    return image.mode in ("RGBA", "RGBa", "LA", "PA") or "transparency" in image.info


def clean(image: Image.Image) -> Image.Image:
    """The picture upright, in 8-bit RGB (RGBA if it has transparency), and with nothing but its
    pixels: a new image, so none of the original's metadata (EXIF with GPS, XMP, text chunks,
    comments, ICC) is carried over."""
    upright = ImageOps.exif_transpose(image) or image
    mode = "RGBA" if has_alpha(upright) else "RGB"
    if upright.mode in DEEP_MODES:
        upright = eight_bit_grey(upright)
    pixels = upright.convert(mode)
    fresh = Image.new(mode, pixels.size)
    fresh.paste(pixels)
    return fresh


def eight_bit_grey(image: Image.Image) -> Image.Image:
    """A picture in a DEEP_MODES mode as L (LA with a transparent 16-bit value), its samples
    scaled from 0-65535 to 0-255: Pillow's own conversion clips them at 255 instead, which
    leaves all but the darkest tones white."""
    grey = image.convert("F").point(lambda sample: sample / 257).convert("L")
    grey.info.clear()  # a transparent value is a 16-bit one; it becomes the alpha band below
    transparent = image.info.get("transparency")
    if transparent is not None:
        opaque = ImageMath.lambda_eval(
            lambda args: args["convert"](args["notequal"](args["image"], transparent) * 255, "L"),
            image=image.convert("I"),
        )
        grey.putalpha(opaque)
    return grey


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


def fallback_format(alpha: bool) -> str:
    """The format every browser reads: JPEG, or PNG for a picture with transparency."""
    return "PNG" if alpha else "JPEG"


def encode_master(image: Image.Image) -> Encoded:
    """The stored picture at full size, in the fallback format."""
    return _encode(image, fallback_format(image.mode == "RGBA"))


def rendition_widths(width: int, widths: tuple[int, ...] = RENDITION_WIDTHS) -> list[int]:
    """The widths to make for a picture `width` pixels wide: never wider than the picture (no
    upscaling), and none within 10% of the largest, which would add a file but no choice."""
    largest = min(width, max(widths))
    return [target for target in sorted(widths) if target < largest * 0.9] + [largest]


def rendition_sizes(
    width: int, height: int, widths: tuple[int, ...] = RENDITION_WIDTHS
) -> list[tuple[int, int]]:
    """(width, height) of each rendition, smallest first: the height in proportion, and at least
    one pixel however wide the picture."""
    return [
        (target, max(1, round(height * target / width)))
        for target in rendition_widths(width, widths)
    ]


def renditions(
    image: Image.Image, widths: tuple[int, ...] = RENDITION_WIDTHS
) -> list[tuple[Encoded, Encoded]]:
    """(WebP, fallback) pairs of the cleaned `image`, smallest first."""
    fallback = fallback_format(image.mode == "RGBA")
    pairs = []
    for size in rendition_sizes(image.width, image.height, widths):
        resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        pairs.append((_encode(resized, "WEBP"), _encode(resized, fallback)))
    return pairs
