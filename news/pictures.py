"""The Django side of article and event pictures: the model field, its validator, and storing a
cleaned picture with its renditions once, when the item is saved (news/lib/images.py does the
Pillow work).

What is stored, and recorded in the item's `image_renditions`:
  {"master": "images/2026/11/<random>.jpg", "width": 3000, "height": 2000,
   "fallback_type": "image/jpeg",
   "renditions": [{"width": 480, "height": 320, "webp": "...-480w.webp",
                   "fallback": "...-480w.jpg"}, ...]}
The uploaded file's own name is never used for a path. Files are written before the row and
removed again if the row cannot be saved; the files of a replaced or removed picture are
deleted only once the new state is committed, so a rolled-back save never loses a picture.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from news.lib import images

MESSAGES = {
    "too_large": _(
        "This file is %(size)s; a picture may be at most %(limit)s. "
        "Make it smaller and upload it again."
    ),
    "not_an_image": _(
        "This file is not a JPEG, PNG or WebP picture. "
        "Save it in one of these formats and upload it again."
    ),
    "too_many_pixels": _(
        "This picture has too many pixels (the limit is %(megapixels)s megapixels). "
        "Scale it down and upload it again."
    ),
    "damaged": _("This picture could not be read: the file may be damaged or incomplete."),
    "side_too_long": _(
        "This picture is %(width)s × %(height)s pixels; "  # noqa: RUF001 (a multiplication sign)
        "a side may be at most %(max_side)s pixels. Crop it or scale it down and upload it again."
    ),
}


def refusal(error: images.ImageRefused) -> ValidationError:
    params = {
        "size": filesizeformat(error.params.get("size", 0)),
        "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES),
        "megapixels": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}",
        "width": error.params.get("width", 0),
        "height": error.params.get("height", 0),
        "max_side": error.params.get("max_side", 0),
    }
    return ValidationError(MESSAGES[error.code], code=error.code, params=params)


def is_processed(field_file: "PictureFieldFile") -> bool:
    """True when the field holds the picture this site stored (nothing left to check)."""
    record = getattr(field_file.instance, "image_renditions", None) or {}
    return field_file._committed and field_file.name == record.get("master")


def _decode(field_file: "PictureFieldFile"):
    """The checked, decoded picture of a field's new file; kept on the file, so the form's
    validation and the save that follows decode an upload once."""
    cached = getattr(field_file, "_checked_picture", None)
    if cached is not None:
        return cached
    field_file.open("rb")
    try:
        picture = images.open_checked(
            field_file.file,
            size=field_file.size,
            max_bytes=settings.IMAGE_UPLOAD_MAX_BYTES,
            max_pixels=settings.IMAGE_MAX_PIXELS,
        )
    except images.ImageRefused as error:
        raise refusal(error) from error
    finally:
        if field_file._committed:
            field_file.close()
    field_file._checked_picture = picture
    return picture


def validate_picture(field_file: "PictureFieldFile") -> None:
    """Model-field validator: run by full_clean(), so the admin's form shows the error."""
    if field_file and not is_processed(field_file):
        _decode(field_file)


class PictureFieldFile(FieldFile):
    # Django's own flag, set by FieldFile but left out of django-stubs: False while the file is
    # an upload not yet in storage.
    _committed: bool
    # The upload's checked picture, kept by _decode() for the save that follows validation.
    _checked_picture: Image.Image

    def save(self, name, content, save=True):
        """Stage the file instead of writing it as it came: the model's save() checks and cleans
        it first (FileField's own save would store the raw upload, metadata and all)."""
        self.name = name
        self.file = content
        self._committed = False
        if save:
            self.instance.save()


class PictureField(models.FileField):
    """A FileField for pictures that never runs Pillow on anything but JPEG, PNG and WebP
    (Django's ImageField probes every format Pillow knows). Stored by Publishable.save()."""

    attr_class = PictureFieldFile
    default_validators = [validate_picture]

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            raise ValueError("A new picture is stored by the model's save(), not by the field.")
        return file

    def formfield(self, **kwargs):
        # The uploaded name is thrown away, so its length is no reason to refuse a file.
        kwargs.setdefault("max_length", None)
        # The admin passes its own widget class; either way the file picker offers pictures.
        widget = kwargs.get("widget") or forms.ClearableFileInput
        if isinstance(widget, type):
            widget = widget()
        widget.attrs.setdefault("accept", images.ACCEPT)
        kwargs["widget"] = widget
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


def files_of(record: dict[str, Any]) -> list[str]:
    """Every stored file of a picture record."""
    if not record:
        return []
    names = [record["master"]]
    for rendition in record.get("renditions", []):
        names += [rendition["webp"], rendition["fallback"]]
    return names


def _write(storage, instance, field: PictureField, picture) -> dict[str, Any]:
    cleaned = images.clean(picture)
    master = images.encode_master(cleaned)
    stem = secrets.token_hex(16)
    record: dict[str, Any] = {"master": None, "renditions": []}
    written: list[str] = []
    try:
        name = field.generate_filename(instance, f"{stem}.{master.extension}")
        record["master"] = storage.save(name, ContentFile(master.data))
        written.append(record["master"])
        base = record["master"].rsplit(".", 1)[0]
        for webp, fallback in images.renditions(cleaned):
            rendition: dict[str, Any] = {"width": webp.width, "height": webp.height}
            for key, encoded in (("webp", webp), ("fallback", fallback)):
                rendition[key] = storage.save(
                    f"{base}-{encoded.width}w.{encoded.extension}", ContentFile(encoded.data)
                )
                written.append(rendition[key])
            record["renditions"].append(rendition)
    except BaseException:
        delete_files(storage, written)
        raise
    record.update(width=master.width, height=master.height, fallback_type=master.content_type)
    return record


def delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def _store_new(instance, field_name: str) -> dict[str, Any]:
    """Check, clean and store the field's new file with its renditions: their record."""
    field = instance._meta.get_field(field_name)
    try:
        picture = _decode(getattr(instance, field_name))
    except ValidationError as error:
        raise ValidationError({field_name: error.error_list}) from error
    return _write(field.storage, instance, field, picture)


def store_now(instance, field_name: str = "image") -> None:
    """Store a new picture with its renditions at once, before any save of the row, and record
    them on the instance (a change waiting for publication carries it so: embassy.editorial).
    The row's save later finds the picture processed. Costs no query."""
    field_file = getattr(instance, field_name)
    if field_file and not is_processed(field_file):
        record = _store_new(instance, field_name)
        setattr(instance, field_name, record["master"])
        instance.image_renditions = record


@contextmanager
def stored_picture(
    instance, field_name: str = "image", replaced: dict[str, Any] | None = None
) -> Iterator[None]:
    """Around the row's save: check, clean and store a new picture and its renditions, and
    record them on the instance; undo the files if the save fails, and delete the files of the
    replaced picture once the transaction commits. `replaced` is the stored row's record when
    the instance's may no longer say it (a change's values set on the row, its picture stored
    already by store_now). Costs no query."""
    storage = instance._meta.get_field(field_name).storage
    field_file = getattr(instance, field_name)
    old_record = replaced if replaced is not None else instance.image_renditions or {}
    if field_file and is_processed(field_file):
        yield
        new_record = instance.image_renditions
    else:
        new_record = _store_new(instance, field_name) if field_file else {}
        setattr(instance, field_name, new_record.get("master", ""))
        instance.image_renditions = new_record
        try:
            yield
        except BaseException:
            delete_files(storage, files_of(new_record))
            setattr(instance, field_name, field_file)
            instance.image_renditions = old_record
            raise
    stale = [name for name in files_of(old_record) if name not in files_of(new_record)]
    if stale:
        transaction.on_commit(lambda: delete_files(storage, stale))


@dataclass(frozen=True)
class Picture:
    """What templates/includes/picture.html needs; built from the record, no storage access."""

    src: str
    width: int
    height: int
    webp_srcset: str
    fallback_srcset: str
    fallback_type: str


# The <img> src for browsers that ignore srcset: the rendition closest to this width.
DEFAULT_SRC_WIDTH = 960


def picture_of(record: dict[str, Any], storage) -> Picture | None:
    renditions = record.get("renditions") if record else None
    if not renditions:
        return None
    largest = renditions[-1]
    default = min(renditions, key=lambda r: abs(r["width"] - DEFAULT_SRC_WIDTH))
    return Picture(
        src=storage.url(default["fallback"]),
        width=largest["width"],
        height=largest["height"],
        webp_srcset=", ".join(f"{storage.url(r['webp'])} {r['width']}w" for r in renditions),
        fallback_srcset=", ".join(
            f"{storage.url(r['fallback'])} {r['width']}w" for r in renditions
        ),
        fallback_type=record["fallback_type"],
    )


@dataclass(frozen=True)
class Thumbnail:
    """The smallest rendition, for the admin's lists and forms; no storage access."""

    src: str
    width: int
    height: int


def thumbnail_of(record: dict[str, Any], storage) -> Thumbnail | None:
    renditions = record.get("renditions") if record else None
    if not renditions:
        return None
    smallest = min(renditions, key=lambda r: r["width"])
    return Thumbnail(
        src=storage.url(smallest["fallback"]), width=smallest["width"], height=smallest["height"]
    )
