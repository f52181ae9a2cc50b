"""Phone numbers become PhoneNumberFields stored in E.164: existing rows, written as staff typed
them ("+44 20 7946 0321", "020 7946 0321"), are converted first. A number that cannot be read
stops the migration with its row named, rather than being lost or stored as garbage."""

import phonenumber_field.modelfields
from django.conf import settings
from django.db import migrations


def to_e164(apps, schema_editor):
    import phonenumbers

    PhoneNumber = apps.get_model("consular", "PhoneNumber")
    region = settings.PHONENUMBER_DEFAULT_REGION
    unreadable = []
    for phone in PhoneNumber.objects.using(schema_editor.connection.alias).all():
        try:
            parsed = phonenumbers.parse(phone.number, region)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            unreadable.append(f"phone number {phone.pk}: {phone.number!r}")
            continue
        phone.number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        phone.save(update_fields=["number"])
    if unreadable:
        raise ValueError(
            "These phone numbers are not valid numbers (region "
            f"{region}); correct them and migrate again: " + "; ".join(unreadable)
        )


class Migration(migrations.Migration):
    dependencies = [("consular", "0001_initial")]

    operations = [
        # E.164 numbers have at most 16 characters: they fit the old column before it grows.
        migrations.RunPython(to_e164, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="phonenumber",
            name="number",
            field=phonenumber_field.modelfields.PhoneNumberField(
                help_text="A number in the host country as it is dialled there (020 7946 0321), any other with + and its country code (+7 495 000 00 00).",
                max_length=128,
                region=None,
                verbose_name="number",
            ),
        ),
    ]
