"""Staff roles: the press office and the consular section each edit everything of their own
area in the admin and nothing of the other's. The groups come from a data migration and follow
embassy/sitewide/roles.py after every migrate."""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consular.models import HoursException, Notice
from embassy.sitewide import roles
from embassy.sitewide.models import Redirect
from tests.consular.admin_forms import contact_point_form, phone
from tests.factories import (
    make_article,
    make_clock,
    make_contact_point,
    make_counter,
    make_event,
)
from tests.helpers import admin_form, verified_login

pytestmark = pytest.mark.django_db

# A saved object of each model the admin lists, for its change and delete pages.
FACTORIES = {
    "news.Article": make_article,
    "news.Event": make_event,
    "embassy.Clock": lambda: make_clock("Paris", "Europe/Paris"),
    "embassy.IncidentCounter": lambda: make_counter("an event", date(2020, 1, 1)),
    "consular.ContactPoint": lambda: make_contact_point("Passports"),
    "consular.Notice": lambda: Notice.objects.create(title="Closed", text="Closed on Monday."),
    "embassy.Redirect": lambda: Redirect.objects.create(old_path="/old/", new_path="/news/"),
    "consular.HoursException": lambda: HoursException.objects.create(
        date=date(2022, 12, 26), reason="Boxing Day"
    ),
}
# A valid add form, where the model's form is small enough to write out here.
ADD_FORMS = {
    "embassy.Clock": admin_form({"city": "Rome", "time_zone": "Europe/Rome", "order": 0}),
    "embassy.IncidentCounter": admin_form(
        {"event_name": "x", "event_date": "2020-01-01", "order": 0}
    ),
    "consular.ContactPoint": contact_point_form(name="Visas", phones=[phone("020 7946 0322")]),
    "embassy.Redirect": {"old_path": "/visas/", "new_path": "/consular/"},
    "consular.HoursException": admin_form(
        {"contact_point": "", "date": "2022-12-27", "opens": "", "closes": "", "reason": "Bank"}
    ),
    "consular.Notice": admin_form(
        {
            "title": "New hours",
            "text": "From Monday.",
            "level": "information",
            "starts_at_0": "2022-06-28",
            "starts_at_1": "09:00",
        }
    ),
}
# Models edited inside another's admin page (inlines), with the formset prefix they use.
INLINE_PREFIXES = {
    "consular.PhoneNumber": "phone_numbers",
    "consular.OpeningHours": "opening_hours",
    "consular.HoursException": "exceptions",
}


def admin_models(area):
    return [model for model in roles.area_models(area) if model in admin.site._registry]


def shared_models() -> set:
    """Models both groups keep, each its own rows only (pages, by their area): their matrix is
    row by row, in tests/pages/test_admin_areas.py."""
    press, consular = (set(roles.area_models(area)) for area in roles.AREAS)
    return press & consular


MATRIX = [
    (user_area.group, model._meta.label, model_area is user_area)
    for user_area in roles.AREAS
    for model_area in roles.AREAS
    for model in admin_models(model_area)
    if model not in shared_models()
]


@pytest.fixture
def staff(django_user_model):
    """A member of the group and, with `publisher`, of its area's publishers' group too."""

    def staff(group_name, publisher=False):
        user = django_user_model.objects.create_user(
            username=group_name.lower().replace(" ", "-"), password="unused", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        if publisher:
            area = next(area for area in roles.AREAS if area.group == group_name)
            user.groups.add(Group.objects.get(name=area.publishers))
        return user

    return staff


def admin_urls(model, obj) -> dict[str, str]:
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return {
        "list": base,
        "add": f"{base}add/",
        "change": f"{base}{obj.pk}/change/",
        "delete": f"{base}{obj.pk}/delete/",
    }


def test_the_matrix_covers_every_admin_model_of_both_areas():
    labels = {label for _group, label, _own in MATRIX}
    assert {"news.Article", "news.Event", "embassy.Clock", "embassy.IncidentCounter"} <= labels
    assert {"consular.ContactPoint", "consular.Notice"} <= labels
    missing = labels - set(FACTORIES)
    assert not missing, f"add a factory to FACTORIES for {sorted(missing)}"
    # Every model of an area is either in the admin or edited as an inline, or shared by rows.
    shared = {model._meta.label for model in shared_models()}
    assert shared == {"pages.Page"}
    for area in roles.AREAS:
        for model in roles.area_models(area):
            assert model._meta.label in labels | set(INLINE_PREFIXES) | shared, model


# A publisher (a member of both of the area's groups) with review off: every save is direct. What
# editors may not do (publish, delete what they publish) is in tests/embassy/editorial/.
@pytest.mark.usefixtures("review_not_required")
@pytest.mark.parametrize(("group", "label", "own"), MATRIX)
def test_each_group_edits_its_own_area_and_nothing_of_the_other(client, staff, group, label, own):
    verified_login(client, staff(group, publisher=True))
    model = next(m for m in admin.site._registry if m._meta.label == label)
    obj = FACTORIES[label]()
    urls = admin_urls(model, obj)
    for page, url in urls.items():
        status = client.get(url).status_code
        assert status == (200 if own else 403), f"{group} GET {page} of {label}: {status}"

    if label in ADD_FORMS:
        count = model.objects.count()
        response = client.post(urls["add"], ADD_FORMS[label])
        assert response.status_code == (302 if own else 403), f"{group} adds {label}"
        assert model.objects.count() == count + (1 if own else 0)

    response = client.post(urls["delete"], {"post": "yes"})
    assert response.status_code == (302 if own else 403), f"{group} deletes {label}"
    assert model.objects.filter(pk=obj.pk).exists() is not own


@pytest.mark.parametrize(
    ("group", "can_edit"), [("Consular section", True), ("Press office", False)]
)
def test_hours_and_numbers_are_edited_inline_by_the_consular_section_only(
    client, staff, group, can_edit
):
    verified_login(client, staff(group))
    contact_point = make_contact_point()
    for url in [
        "/admin/consular/contactpoint/add/",
        f"/admin/consular/contactpoint/{contact_point.pk}/change/",
    ]:
        response = client.get(url)
        if not can_edit:
            assert response.status_code == 403
            continue
        page = response.content.decode()
        for prefix in INLINE_PREFIXES.values():
            assert f'name="{prefix}-TOTAL_FORMS"' in page, (url, prefix)


@pytest.mark.parametrize("area", roles.AREAS, ids=lambda area: area.group)
def test_the_admin_index_lists_only_the_own_area(client, staff, area):
    verified_login(client, staff(area.group))
    page = client.get("/admin/").content.decode()
    for other in roles.AREAS:
        for model in admin_models(other):
            if model in shared_models():
                assert f'href="/admin/{model._meta.app_label}/{model._meta.model_name}/"' in page
                continue
            link = f'href="/admin/{model._meta.app_label}/{model._meta.model_name}/"'
            assert (link in page) is (other is area), (area.group, model._meta.label)
    assert 'href="/admin/auth/user/"' not in page


def is_reviewed(model) -> bool:
    return any(name.startswith("publish_") for name, _label in model._meta.permissions)


def area_permissions(area) -> set[str]:
    """The editors' group's: everything of the area but publishing and deleting what is
    published (reviewed models)."""
    return {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in roles.area_models(area)
        for action in ("add", "change", "delete", "view")
        if not (action == "delete" and is_reviewed(model))
    }


def publishers_permissions(area) -> set[str]:
    return {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in roles.area_models(area)
        if is_reviewed(model)
        for action in ("publish", "delete")
    }


def group_permissions(name) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.parametrize("area", roles.AREAS, ids=lambda area: area.group)
def test_each_group_has_exactly_its_area_permissions(area):
    assert group_permissions(area.group) == area_permissions(area)
    assert group_permissions(area.publishers) == publishers_permissions(area)


def test_the_areas_cover_every_model_of_their_apps():
    from django.apps import apps

    for area in roles.AREAS:
        for app_label in area.apps:
            assert set(apps.get_app_config(app_label).get_models()) <= set(roles.area_models(area))


def test_migrate_restores_the_groups_permissions_after_a_change_by_hand():
    press = Group.objects.get(name="Press office")
    press.permissions.clear()
    press.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("migrate", verbosity=0)
    assert group_permissions("Press office") == area_permissions(roles.PRESS_OFFICE)


def test_a_model_new_to_an_area_joins_its_group_at_the_next_migrate(monkeypatch):
    # As if the news app had gained a model: the sessions app stands in for it here.
    press = roles.Area("Press office", apps=(*roles.PRESS_OFFICE.apps, "sessions"))
    monkeypatch.setattr(roles, "AREAS", [press, roles.CONSULAR_SECTION])
    call_command("migrate", verbosity=0)
    assert "sessions.change_session" in group_permissions("Press office")
    assert "sessions.change_session" not in group_permissions("Consular section")


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_alone_creates_the_groups_and_their_permissions():
    """On a fresh database no permission exists until post_migrate, after every migration: the
    data migration must create them itself."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("embassy", "0001_initial")])
        assert not Group.objects.filter(name__in=[a.group for a in roles.AREAS]).exists()
        ContentType.objects.filter(app_label__in=["news", "consular", "embassy"]).delete()
        ContentType.objects.clear_cache()
        assert not Permission.objects.filter(content_type__app_label="consular").exists()

        executor = MigrationExecutor(connection)
        executor.migrate([("embassy", "0002_staff_groups")])
        ContentType.objects.clear_cache()
        assert {"news.add_article", "embassy.change_clock"} <= group_permissions("Press office")
        consular = group_permissions("Consular section")
        assert {"consular.add_contactpoint", "consular.delete_notice"} <= consular
        assert not any(name.startswith(("news.", "embassy.")) for name in consular)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        ContentType.objects.clear_cache()


def test_demo_staff_accounts_belong_to_their_groups(capsys):
    from django.contrib.auth import get_user_model

    call_command("load_demo")
    users = {user.username: user for user in get_user_model().objects.all()}
    assert list(users["press"].groups.values_list("name", flat=True)) == ["Press office"]
    assert set(users["consul"].groups.values_list("name", flat=True)) == {
        "Consular section",
        "Consular section publishers",
    }
    assert users["consul"].has_perm("consular.change_contactpoint")
    assert users["consul"].has_perm("consular.publish_notice")
    assert not users["consul"].has_perm("news.change_article")
    assert users["press"].has_perm("news.change_article")
    assert not users["press"].has_perm("news.publish_article")
    assert users["publisher"].has_perm("news.publish_article")
    assert not users["press"].has_perm("consular.change_notice")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("20461178", "This password is entirely numeric."),
        ("short", "This password is too short."),
    ],
)
def test_a_weak_staff_password_is_refused_in_the_admin(admin_client, staff, password, message):
    user = staff("Consular section")
    old_hash = user.password
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/password/", {"password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.password == old_hash


def test_a_strong_staff_password_is_accepted_in_the_admin(admin_client, staff):
    user = staff("Consular section")
    password = "blue-lantern-harbour-47"
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/password/", {"password1": password, "password2": password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
