"""Bodies stored before the allow-list existed are cleaned with it once; from now on every save
does it (Publishable.save). news.sanitize has no Django in it, so using it here is safe."""

from django.db import migrations

from news.sanitize import sanitize_html


def sanitize_bodies(apps, schema_editor):
    for model_name in ("Article", "Event"):
        model = apps.get_model("news", model_name)
        rows = model.objects.using(schema_editor.connection.alias).exclude(body="")
        changed = []
        for row in rows.only("pk", "body").iterator(chunk_size=500):
            cleaned = sanitize_html(row.body)
            if cleaned != row.body:
                row.body = cleaned
                changed.append(row)
        model.objects.using(schema_editor.connection.alias).bulk_update(
            changed, ["body"], batch_size=500
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0003_image_renditions_and_rich_text")]

    operations = [migrations.RunPython(sanitize_bodies, migrations.RunPython.noop)]
