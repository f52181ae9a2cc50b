"""The pages' admin, row by row: the press office keeps the press office's pages, the consular
section its own, neither sees nor touches the other's; a superuser keeps all and chooses a
top-level page's area. Pages are added below others, moved and retired without breaking a link;
one with pages below it is not deleted."""

import pytest
from django.contrib.auth.models import Group, User

from embassy.pages.models import Area, Page
from embassy.sitewide.models import Redirect
from news.models import Status
from tests.factories import make_page
from tests.helpers import admin_form, verified_login

pytestmark = pytest.mark.django_db

GROUPS = {Area.PRESS: "Press office", Area.CONSULAR: "Consular section"}
PUBLISHERS = {Area.PRESS: "Press office publishers", Area.CONSULAR: "Consular section publishers"}
OTHER = {Area.PRESS: Area.CONSULAR, Area.CONSULAR: Area.PRESS}
AREAS = [Area.PRESS, Area.CONSULAR]


def editor(client, area, *, publisher=False):
    """A member of the area's group (an editor), and of its publishers' with `publisher`."""
    user = User.objects.create_user(f"editor-{area}", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUPS[area]))
    if publisher:
        user.groups.add(Group.objects.get(name=PUBLISHERS[area]))
    return verified_login(client, user)


def page_form(**fields):
    data = {
        "title": "A new page",
        "slug": "new-page",
        "parent": "",
        "position": "1",
        "lead": "",
        "body": "<p>Words.</p>",
        "image_alt": "",
        "image_caption": "",
        "show_in_menu": "",
        "purpose": "",
        "lists": "",
        "status": Status.PUBLISHED,
        "published_at_0": "2022-06-28",
        "published_at_1": "10:00",
    }
    data.update(fields)
    return admin_form({key: value for key, value in data.items() if value is not None})


@pytest.fixture
def pages():
    """A top-level page with one below it, in each area."""
    made = {}
    for area in AREAS:
        top = make_page(f"Top of {area}", slug=f"top-{area}", area=area)
        made[area] = (top, make_page(f"Below {area}", slug="below", parent=top))
    return made


URL = "/admin/pages/page/"


@pytest.mark.parametrize("area", AREAS)
def test_the_list_shows_the_own_areas_pages_only(client, pages, area):
    editor(client, area)
    listed = client.get(URL).context["cl"].result_list
    assert {page.area for page in listed} == {area}
    assert [page.path for page in listed] == sorted(page.path for page in listed)


@pytest.mark.parametrize("area", AREAS)
def test_the_other_areas_pages_cannot_be_seen_changed_or_deleted(client, pages, area):
    editor(client, area, publisher=True)  # who may delete their own area's pages
    own, other = pages[area][1], pages[OTHER[area]][1]
    for view in ("change", "delete", "history"):
        assert client.get(f"{URL}{own.pk}/{view}/").status_code == 200, view
        assert client.get(f"{URL}{other.pk}/{view}/").status_code in (302, 403, 404), view
    response = client.post(f"{URL}{other.pk}/change/", page_form(title="Taken over"))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title != "Taken over"
    client.post(f"{URL}{other.pk}/delete/", {"post": "yes"})
    assert Page.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("area", AREAS)
def test_a_page_is_added_below_an_own_page_only(client, pages, area):
    editor(client, area)
    own_top, other_top = pages[area][0], pages[OTHER[area]][0]
    refused = client.post(f"{URL}add/", page_form(parent=str(other_top.pk)))
    assert refused.status_code == 200 and "parent" in refused.context["adminform"].form.errors
    assert client.post(f"{URL}add/", page_form(parent=str(own_top.pk))).status_code == 302
    assert Page.objects.get(path=f"{own_top.path}/new-page").area == area


@pytest.mark.parametrize("area", AREAS)
def test_a_new_top_level_page_is_the_editors_areas_whatever_is_posted(client, area):
    editor(client, area)
    response = client.post(f"{URL}add/", page_form(area=OTHER[area]))
    assert response.status_code == 302
    assert Page.objects.get(path="new-page").area == area


@pytest.mark.parametrize("area", AREAS)
def test_a_page_cannot_be_moved_into_the_other_area(client, pages, area):
    editor(client, area)
    below, other_top = pages[area][1], pages[OTHER[area]][0]
    form = page_form(title=below.title, slug="below", parent=str(other_top.pk))
    response = client.post(f"{URL}{below.pk}/change/", form)
    assert response.status_code == 200
    below.refresh_from_db()
    assert below.area == area


def test_the_parent_choices_are_the_own_areas_pages_but_the_page_and_its_own(client, pages):
    editor(client, Area.CONSULAR)
    top, below = pages[Area.CONSULAR]
    form = client.get(f"{URL}{top.pk}/change/").context["adminform"].form
    assert list(form.fields["parent"].queryset) == []
    form = client.get(f"{URL}{below.pk}/change/").context["adminform"].form
    assert list(form.fields["parent"].queryset) == [top]


def test_a_superuser_sets_a_top_level_pages_area_and_its_pages_follow(
    admin_client, pages, review_not_required
):
    top, below = pages[Area.PRESS]
    form = page_form(title=top.title, slug=top.slug, area=Area.CONSULAR)
    assert admin_client.post(f"{URL}{top.pk}/change/", form).status_code == 302
    below.refresh_from_db()
    assert below.area == Area.CONSULAR


def test_the_area_of_a_page_below_another_is_shown_not_edited(admin_client, pages):
    below = pages[Area.PRESS][1]
    form = admin_client.get(f"{URL}{below.pk}/change/").context["adminform"].form
    assert "area" not in form.fields


def test_moving_a_page_in_the_admin_leaves_redirects(
    admin_client, client, pages, review_not_required
):
    top, below = pages[Area.PRESS]
    other_top = make_page("Elsewhere", slug="elsewhere")
    form = page_form(title=below.title, slug="below", parent=str(other_top.pk), position="3")
    assert admin_client.post(f"{URL}{below.pk}/change/", form).status_code == 302
    assert Redirect.objects.get(old_path=f"/{top.path}/below/").new_path == "/elsewhere/below/"
    assert client.get(f"/{top.path}/below/")["Location"] == "/elsewhere/below/"


@pytest.mark.parametrize("area", AREAS)
def test_an_editor_deletes_no_page_and_changes_a_live_one_through_review(client, pages, area):
    editor(client, area)
    own = pages[area][1]
    assert client.get(f"{URL}{own.pk}/delete/").status_code == 403
    form = page_form(title="Rewritten", slug="below", parent=str(pages[area][0].pk))
    assert client.post(f"{URL}{own.pk}/change/", form).status_code == 302
    own.refresh_from_db()
    assert own.title != "Rewritten"  # a change waiting to be published (tests/pages/test_review.py)


def test_a_page_with_pages_below_is_not_deleted(admin_client, pages):
    top = pages[Area.PRESS][0]
    response = admin_client.get(f"{URL}{top.pk}/delete/")
    assert "protected" in response.content.decode()
    admin_client.post(f"{URL}{top.pk}/delete/", {"post": "yes"})
    assert Page.objects.filter(pk=top.pk).exists()


def test_unpublishing_retires_a_page_and_the_list_says_the_pages_below_are_hidden(
    admin_client, client, pages
):
    top, below = pages[Area.PRESS]
    admin_client.post(URL, {"action": "unpublish", "_selected_action": [top.pk]})
    assert client.get(top.get_absolute_url()).status_code == 404
    assert client.get(below.get_absolute_url()).status_code == 404
    page = admin_client.get(URL).content.decode()
    assert "a page above it is not published" in page


def test_a_position_puts_the_page_there_and_renumbers_its_siblings(
    admin_client, review_not_required
):
    top = make_page("Top", slug="top")
    *_others, third = (
        make_page(name, slug=name.lower(), parent=top, position=n * 10)
        for n, name in enumerate(["First", "Second", "Third"], start=1)
    )
    form = page_form(title="Third", slug="third", parent=str(top.pk), position="1")
    assert admin_client.post(f"{URL}{third.pk}/change/", form).status_code == 302
    in_order = list(top.children.order_by("position").values_list("title", "position"))
    assert in_order == [("Third", 1), ("First", 2), ("Second", 3)]
    added = page_form(title="Fourth", slug="fourth", parent=str(top.pk), position="2", area="press")
    assert admin_client.post(f"{URL}add/", added).status_code == 302
    titles = list(top.children.order_by("position").values_list("title", flat=True))
    assert titles == ["Third", "Fourth", "First", "Second"]
