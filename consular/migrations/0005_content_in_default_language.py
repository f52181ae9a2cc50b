"""Today's content becomes the default language's: each translated column of the default
language (title_en, …) gets the value of its original column, which stays as it was. Backwards,
the default language's text goes back into the original columns. The fields are frozen here as
they were registered when this was written (consular/translation.py)."""

from django.conf import settings
from django.db import migrations
from django.db.models import F
from django.db.models.functions import Coalesce

TRANSLATED = {
    "ContactPoint": ("name", "address", "notes"),
    "PhoneNumber": ("label",),
    "HoursException": ("reason",),
    "Notice": ("title", "text"),
}


def localized(field, language):
    return f"{field}_{language.replace('-', '_')}"


def columns_exist(model, language):
    """An installation whose default language is not one of these migrations' (en, ru) gets its
    columns from a migration of its own (README), which this one runs before: nothing to copy."""
    names = {field.name for field in model._meta.get_fields()}
    return all(localized(f, language) in names for f in TRANSLATED[model.__name__])


def into_default_language(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("consular", model_name)
        if columns_exist(model, settings.LANGUAGE_CODE):
            model.objects.update(**{localized(f, settings.LANGUAGE_CODE): F(f) for f in fields})


def out_of_default_language(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("consular", model_name)
        if not columns_exist(model, settings.LANGUAGE_CODE):
            continue
        model.objects.update(
            **{f: Coalesce(F(localized(f, settings.LANGUAGE_CODE)), F(f)) for f in fields}
        )


class Migration(migrations.Migration):
    dependencies = [("consular", "0004_translated_fields")]

    operations = [migrations.RunPython(into_default_language, out_of_default_language)]
