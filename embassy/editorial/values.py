"""An item's editable values as data a Change keeps (JSON, every language's columns), and back.

Django's serializers write the values (dates and times as ISO text, with DjangoJSONEncoder) and
read them back (each field's to_python()), as django-reversion does for versions. The columns
written are the model's editable ones: each language's column of a translated field (title_en,
title_ru), never the translated field itself, whose value is whatever the active language reads.
"""

from __future__ import annotations

import json
from typing import Any

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

# A translation's state is worked out again by save(): bookkeeping, not content.
BOOKKEEPING = ("translation_sources", "outdated_translations")
# Not editable in a form, but content a change carries: a new picture's stored files, which
# the item's keep_new_files() wrote when the change was prepared.
CARRIED = ("image_renditions",)


def editable_columns(model: type[models.Model]) -> list[str]:
    from modeltranslation.translator import NotRegistered

    from embassy.infrastructure.translation_state import translated_fields

    try:
        translated = set(translated_fields(model))
    except NotRegistered:
        translated = set()
    return [
        field.attname
        for field in model._meta.concrete_fields
        if (field.editable or field.name in CARRIED)
        and not field.primary_key
        and field.name not in translated
        and field.name not in BOOKKEEPING
    ]


def values_of(obj: models.Model) -> dict[str, Any]:
    """The item's editable values as JSON data. No query."""
    columns = editable_columns(type(obj))
    fields = serializers.serialize("python", [obj], fields=columns)[0]["fields"]
    return json.loads(json.dumps(fields, cls=DjangoJSONEncoder))


def apply_values(obj: models.Model, values: dict[str, Any]) -> models.Model:
    """Sets `values` on `obj` (in memory), each read by its field as a form's would be."""
    model = type(obj)
    columns = set(editable_columns(model))
    for attname, value in values.items():
        if attname not in columns:
            continue  # a column removed since the change was prepared
        field = next(f for f in model._meta.concrete_fields if f.attname == attname)
        if isinstance(field, models.FileField):
            setattr(obj, attname, value or "")
        else:
            setattr(obj, attname, None if value is None else field.to_python(value))
    return obj
