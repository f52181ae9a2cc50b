"""Small picture files made in memory for the upload tests: valid ones, ones in refused formats,
and hostile ones (a decompression bomb, a non-image with an image name, a truncated file); and
the uploads and stored files around them."""

import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.ExifTags import IFD, Base

RED = (200, 20, 20)
BLUE = (20, 20, 200)


def two_tone(width: int = 40, height: int = 20, mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: shows which way a picture was turned."""
    image = Image.new(mode, (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def encode(image: Image.Image, image_format: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def jpeg(width: int = 40, height: int = 20, *, orientation: int | None = None, gps=False) -> bytes:
    """A JPEG; with EXIF orientation and/or a GPS position when asked."""
    exif = Image.Exif()
    exif[Base.Make] = "Example camera"
    if orientation:
        exif[Base.Orientation] = orientation
    if gps:
        exif[IFD.GPSInfo] = {1: "N", 2: (51.0, 30.0, 7.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    return encode(two_tone(width, height), "JPEG", quality=95, exif=exif.tobytes())


def png(width: int = 40, height: int = 20, *, alpha=False) -> bytes:
    image = two_tone(width, height, "RGBA" if alpha else "RGB")
    if alpha:
        image.putpixel((0, 0), (0, 0, 0, 0))
    return encode(image, "PNG")


def webp(width: int = 40, height: int = 20) -> bytes:
    return encode(two_tone(width, height), "WEBP", quality=90)


def grey_16_bit(width: int = 256, height: int = 4) -> bytes:
    """A 16-bit greyscale PNG (Pillow opens it in mode I;16), black on the left to white on
    the right: column x holds the 8-bit tone x * 255 / (width - 1), stored as 16 bits."""
    image = Image.new("I;16", (width, height))
    image.putdata([x * 65535 // (width - 1) for _row in range(height) for x in range(width)])
    return encode(image, "PNG")


def refused_format(image_format: str) -> bytes:
    """GIF, BMP, TIFF, ...: real pictures in formats the site does not decode."""
    return encode(two_tone(), image_format)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header declares `width` x `height` pixels: a
    decompression bomb as far as any decoder that trusts the header is concerned."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    pixels = zlib.compress(b"\x00" * (width // 8 + 2))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


NOT_AN_IMAGE = b"%PDF-1.4\nThis is a document, not a picture.\n"


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    """`data` as a browser uploads a picture (whatever it really holds)."""
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def jpeg_upload(name: str = "photo.jpg", size=(600, 400)) -> SimpleUploadedFile:
    """A plain blue JPEG upload, for tests that need a picture but not a particular one."""
    return upload(encode(Image.new("RGB", size, (30, 90, 160)), "JPEG"), name)


def media_files(settings) -> list[Path]:
    """Every file stored under MEDIA_ROOT, in name order."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
