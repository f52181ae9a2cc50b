"""The staff groups "Press office" and "Consular section", with the permissions of their areas.

A snapshot of embassy/sitewide/roles.py as it was when this migration was made, with the models
each area had then, not an import of it: a later change there must not change what this
migration does. The groups follow the live roles from then on: sync_groups() runs after every
migrate (post_migrate), and gives a group the models its area has gained since, without another
migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Each group gets every permission (add, change, delete, view, and any custom one) on these.
GROUPS = {
    "Press office": [
        ("news", "Article"),
        ("news", "Event"),
        ("embassy", "Clock"),
        ("embassy", "IncidentCounter"),
    ],
    "Consular section": [
        ("consular", "ContactPoint"),
        ("consular", "PhoneNumber"),
        ("consular", "OpeningHours"),
        ("consular", "HoursException"),
        ("consular", "Notice"),
    ],
}


def create_app_permissions(apps, using):
    """Django creates content types and permissions at the end of `migrate` (post_migrate): too
    late for this migration on a fresh database, so they are created here first."""
    for app_label in sorted({app_label for models in GROUPS.values() for app_label, _ in models}):
        app_config = apps.get_app_config(app_label)
        # A migration's app registry leaves models_module unset; create_permissions skips such
        # apps, so mark it for the call and restore it after.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, apps=apps, using=using)
        finally:
            app_config.models_module = models_module


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    create_app_permissions(apps, using)
    for name, models in GROUPS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        content_types = [
            ContentType.objects.db_manager(using).get_or_create(
                app_label=app_label, model=model_name.lower()
            )[0]
            for app_label, model_name in models
        ]
        group.permissions.set(
            Permission.objects.using(using).filter(content_type__in=content_types)
        )


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=list(GROUPS)).delete()


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
