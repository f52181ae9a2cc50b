"""Staff roles: which group may edit which models.

Each area has two groups. Its editors' group gets every permission (add, change, delete, view,
and any custom one) on every model of its area, and nothing else, except what makes a
publisher: no `publish_<model>` (embassy.editorial: approve and publish) and no deleting a
model that has one. Its publishers' group adds exactly those; a publisher belongs to both.
The lists below are the only place that says so: sync_groups() makes the groups match them
after every `migrate` (post_migrate), so a model added later to an area's app (a new news
model, say) is given to its groups without another migration. (The data
migration that created the groups, embassy 0002, keeps its own snapshot of these lists as they
were then.) Permissions given to these groups by hand are taken away at the next migrate:
change the lists here instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions as create_app_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model


@dataclass(frozen=True)
class Area:
    group: str
    # Every model of these apps (by app label), now and later.
    apps: tuple[str, ...] = ()
    # The group of those who approve and publish (members of `group` too).
    publishers: str = ""


# The press office keeps what every page shows too: the site-wide content (clocks, counters).
# Both keep pages: each only its own area's (Page.area; embassy/pages/admin.py).
PRESS_OFFICE = Area(
    group="Press office", apps=("news", "embassy", "pages"), publishers="Press office publishers"
)
CONSULAR_SECTION = Area(
    group="Consular section", apps=("consular", "pages"), publishers="Consular section publishers"
)
AREAS = [PRESS_OFFICE, CONSULAR_SECTION]


def area_models(area: Area, apps: Apps = global_apps) -> list[type[Model]]:
    """The area's models as the given registry knows them (the migration's or the project's)."""
    models: list[type[Model]] = []
    for app_label in area.apps:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        models.extend(app_config.get_models())
    return models


def create_permissions(app_labels: set[str], apps: Apps, using: str) -> None:
    """Create the content types and default permissions of the apps now: Django creates them
    in its own post_migrate receivers, which run after this app's (news and consular send theirs
    later, and auth connects its receiver after ours)."""
    for app_label in sorted(app_labels):
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        # A migration's app registry leaves models_module unset; create_permissions skips such
        # apps, so give it a stand-in module for the call and restore it after.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or ModuleType(f"{app_label}.models")
        try:
            create_app_permissions(app_config, verbosity=0, apps=apps, using=using)
        finally:
            app_config.models_module = models_module


def sync_groups(apps: Apps = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the groups that do not exist and set each one's permissions to its area's.

    Queries: a few per app for the permissions, then three per group.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    app_labels = {label for area in AREAS for label in area.apps}
    create_permissions(app_labels, apps, using)

    for area in AREAS:
        group, _created = Group.objects.using(using).get_or_create(name=area.group)
        content_types = [
            ContentType.objects.db_manager(using).get_or_create(
                app_label=model._meta.app_label, model=model._meta.model_name
            )[0]
            for model in area_models(area, apps)
        ]
        permissions = list(Permission.objects.using(using).filter(content_type__in=content_types))
        publishing = publishers_permissions(permissions) if area.publishers else []
        group.permissions.set([p for p in permissions if p not in publishing])
        if area.publishers:
            publishers, _created = Group.objects.using(using).get_or_create(name=area.publishers)
            publishers.permissions.set(publishing)


def publishers_permissions(permissions: list) -> list:
    """Of an area's permissions, those only its publishers have: `publish_<model>`, and
    deleting a model that has one (unpublishing and deleting stay a publisher's act)."""
    reviewed = {
        (p.content_type_id, p.codename.removeprefix("publish_"))
        for p in permissions
        if p.codename.startswith("publish_")
    }
    return [
        p
        for p in permissions
        if p.codename.startswith("publish_")
        or (p.codename.startswith("delete_") and (p.content_type_id, p.codename[7:]) in reviewed)
    ]


def sync_after_migrate(
    sender, *, using: str = DEFAULT_DB_ALIAS, apps: Apps | None = None, **kwargs
):
    """post_migrate receiver (connected in embassy/sitewide/apps.py for this app only, so it
    runs once per migrate)."""
    if apps is None:
        apps = global_apps
    try:
        apps.get_model("auth", "Group")
    except LookupError:
        return
    sync_groups(apps=apps, using=using)
