"""The staff groups "Press office" and "Consular section", with the permissions of their areas
(embassy/sitewide/roles.py). Later models of an area join their group after each migrate (post_migrate),
without another migration."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from embassy.sitewide import roles

    roles.sync_groups(apps=apps, using=schema_editor.connection.alias)


def delete_groups(apps, schema_editor):
    from embassy.sitewide import roles

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=[area.group for area in roles.AREAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("embassy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The models of both areas as they stand; later ones are added by post_migrate.
        ("news", "0002_search_indexes"),
        ("consular", "0003_hours_exceptions_notices"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
