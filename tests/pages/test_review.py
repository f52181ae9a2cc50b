"""Standing pages under the same rules as the news (embassy/editorial): a change to a live page
is prepared and previewed without visitors seeing it, and published by a publisher of the
page's area who did not prepare it; a move goes out with its redirects when it is approved."""

from datetime import UTC, datetime

import pytest

from embassy.editorial.models import Change, State
from embassy.pages.models import Area, Page
from embassy.sitewide import roles
from embassy.sitewide.models import Redirect
from tests.embassy.editorial.conftest import member, session
from tests.factories import make_page
from tests.helpers import admin_form, frozen_at, main, text

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)
URL = "/admin/pages/page/"


def page_form(page: Page, button: str, **fields) -> dict:
    """The page's change form as the browser posts it, with `fields` changed."""
    data = {
        "slug": page.slug,
        "parent": str(page.parent_id or ""),
        "position": str(page.position),
        "show_in_menu": "on" if page.show_in_menu else "",
        "purpose": page.purpose,
        "lists": page.lists,
        "status": page.status,
        "published_at_0": "2022-06-28",
        "published_at_1": "10:00",
        button: "1",
    }
    for name in ("title", "lead", "body", "image_alt", "image_caption"):
        data[name] = getattr(page, f"{name}_en") or ""
        data[f"{name}_ru"] = getattr(page, f"{name}_ru") or ""
    return admin_form({key: value for key, value in (data | fields).items() if value is not None})


@pytest.fixture
def visas():
    top = make_page("Consular services", slug="services", area=Area.CONSULAR)
    return make_page("Visas", slug="visas", parent=top, body="<p>Apply by post.</p>")


@pytest.fixture
def consular_editor():
    return session(member("consular-editor", roles.CONSULAR_SECTION))


@pytest.fixture
def consular_publisher():
    return session(member("consular-publisher", roles.CONSULAR_SECTION, publisher=True))


@pytest.fixture
def press_publisher():
    return session(member("press-publisher", roles.PRESS_OFFICE, publisher=True))


def submitted(client, page: Page, **fields) -> Change:
    response = client.post(f"{URL}{page.pk}/change/", page_form(page, "_submit", **fields))
    assert response.status_code == 302, text(response)[:2000]
    return Change.objects.get(object_id=page.pk, state=State.SUBMITTED)


def decide(client, change: Change, decision: str):
    return client.post(f"/admin/editorial/change/{change.pk}/decide/", {"decision": decision})


def test_a_change_to_a_live_page_is_unseen_until_its_areas_publisher_approves_it(
    client, visas, consular_editor, consular_publisher, press_publisher
):
    assert "Apply by post." in main(client.get("/services/visas/"))  # now in the page cache
    change = submitted(consular_editor, visas, body="<p>Apply online.</p>")
    assert "Apply by post." in main(client.get("/services/visas/"))
    assert "Apply online." not in text(client.get("/ru/services/visas/"))

    preview = consular_editor.get(f"/admin/editorial/change/{change.pk}/preview/")
    assert preview.templates[0].name == "pages/page.html"
    assert "Apply online." in main(preview)
    assert "no-store" in preview["Cache-Control"]

    # The press office's publishers do not publish the consular section's pages.
    assert decide(press_publisher, change, "approve").status_code in (403, 404)
    change.refresh_from_db()
    assert change.state == State.SUBMITTED

    assert decide(consular_publisher, change, "approve").status_code == 302
    change.refresh_from_db()
    assert change.state == State.PUBLISHED
    assert "Apply online." in main(client.get("/services/visas/"))


def test_an_approved_move_leaves_a_redirect_at_the_old_address(
    client, visas, consular_editor, consular_publisher
):
    change = submitted(consular_editor, visas, slug="visa-applications")
    assert client.get("/services/visas/").status_code == 200
    assert not Redirect.objects.exists()
    decide(consular_publisher, change, "approve")
    response = client.get("/services/visas/")
    assert response.status_code == 301
    assert response["Location"] == "/services/visa-applications/"


def test_the_add_forms_preview_shows_the_page_below_its_parent_and_writes_nothing(
    visas, consular_editor
):
    new = Page(
        slug="fees", parent=visas.parent, title_en="Fees", body_en="<p>See the price list.</p>"
    )
    form = page_form(new, "_preview_object", _preview_object="", position="3")
    response = consular_editor.post(f"{URL}preview/", form)
    assert response.status_code == 200, text(response)[:2000]
    assert "See the price list." in main(response)
    assert 'href="/services/"' in main(response)  # the breadcrumbs lead to its parent
    assert not Page.objects.filter(slug="fees").exists()


def test_the_list_of_changes_shows_each_publisher_their_areas_pages_only(
    visas, consular_editor, consular_publisher, press_publisher
):
    press_page = make_page("The Embassy", slug="embassy")
    press_change = Change.prepare(press_page, author=member("press-editor", roles.PRESS_OFFICE))
    consular_change = submitted(consular_editor, visas, title="Visa applications")
    listed = consular_publisher.get("/admin/editorial/change/").context["cl"].result_list
    assert list(listed) == [consular_change]
    listed = press_publisher.get("/admin/editorial/change/").context["cl"].result_list
    assert list(listed) == [press_change]


def test_the_waiting_for_review_panel_shows_each_publisher_their_areas_pages(
    visas, consular_editor, consular_publisher, press_publisher
):
    submitted(consular_editor, visas, title="Visa applications")
    assert "Visa applications" in text(consular_publisher.get("/admin/"))
    assert "Visa applications" not in text(press_publisher.get("/admin/"))
