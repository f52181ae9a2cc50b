"""Who may do what with each reviewed model: editors submit, publishers of the same area approve
(never their own change), publish directly only with review off, and delete; the other area's
staff see nothing of it, its review screens included."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from consular.models import Notice
from embassy.editorial import registry
from embassy.editorial.models import Change, State
from embassy.pages.models import Page
from embassy.sitewide.models import Clock, IncidentCounter
from news.models import Article, Event
from tests.factories import make_article, make_clock, make_counter, make_event, make_page

from .conftest import member, session

pytestmark = pytest.mark.django_db

FACTORIES = {
    Article: make_article,
    Event: make_event,
    Clock: lambda: make_clock("Paris", "Europe/Paris"),
    IncidentCounter: lambda: make_counter("an event", date(2020, 1, 1)),
    Notice: lambda: Notice.objects.create(title="Closed", text="Closed on Monday."),
}
AREA = {Article: "press", Event: "press", Clock: "press", IncidentCounter: "press"}
AREA[Notice] = "consular"
# Pages belong to an area page by page: both areas' publishers publish pages, each their own.
FACTORIES[Page] = lambda: make_page("Visas", slug="visas", area="consular")
AREA[Page] = "consular"
KEPT_BY_AREA = {Page}
ROLES = [("press", False), ("press", True), ("consular", False), ("consular", True)]


def test_every_reviewed_model_is_in_the_matrix():
    assert set(registry.reviewed_models()) == set(FACTORIES)


def staff_member(area: str, publisher: bool):
    from embassy.sitewide import roles

    group = roles.PRESS_OFFICE if area == "press" else roles.CONSULAR_SECTION
    return member(f"{area}-{'publisher' if publisher else 'editor'}", group, publisher=publisher)


def url(obj, view: str) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{view}/"


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda m: m._meta.label)
@pytest.mark.parametrize(("area", "publisher"), ROLES, ids=lambda v: str(v))
def test_the_permission_matrix(model, area, publisher, settings):
    user = staff_member(area, publisher)
    client = session(user)
    own = AREA[model] == area
    obj = FACTORIES[model]()

    # The other area's items: refused, or for an item of a model both areas keep (a page), not
    # found (the admin's redirect to its index, as for any item not in the user's list).
    refused = {403, 302} if model in KEPT_BY_AREA else {403}
    # Submitting: anyone of the area may open the form (and so prepare and submit).
    status = client.get(url(obj, "change")).status_code
    assert status == 200 if own else status in refused
    # Approving: the area's publishers, a change someone else prepared.
    colleague = member(f"colleague-{area}-{publisher}", _area(model))
    change = Change.prepare(obj, author=colleague)
    change.submit(by=colleague)
    assert change.may_review(user) is (own and publisher)
    if not (own and publisher):
        with pytest.raises(PermissionDenied):
            change.approve(by=user)
    # Publishing directly: never with review; the area's publishers without it.
    assert registry.publishes_directly(user, model) is False
    settings.REVIEW_REQUIRED = False
    publishes_the_model = publisher if model in KEPT_BY_AREA else own and publisher
    assert registry.publishes_directly(user, model) is publishes_the_model
    assert registry.may_publish(user, model, obj) is (own and publisher)
    settings.REVIEW_REQUIRED = True
    # The review screen: the area's publishers (and the author); others 403.
    review = client.get(f"/admin/editorial/change/{change.pk}/change/")
    assert review.status_code == (200 if own and publisher else 403)
    # Deleting (and unpublishing) stays a publisher's act.
    response = client.post(url(obj, "delete"), {"post": "yes"})
    assert response.status_code == 302 if own and publisher else response.status_code in refused
    assert model.objects.filter(pk=obj.pk).exists() is not (own and publisher)


def _area(model):
    from embassy.sitewide import roles

    return roles.PRESS_OFFICE if AREA[model] == "press" else roles.CONSULAR_SECTION


def test_the_author_sees_their_own_change_and_a_missing_change_is_404(editor, press_editor):
    article = make_article()
    change = Change.prepare(article, author=press_editor)
    assert editor.get(f"/admin/editorial/change/{change.pk}/change/").status_code == 200
    assert editor.get("/admin/editorial/change/999/change/").status_code == 404
    assert editor.get("/admin/editorial/change/999/preview/").status_code == 404


def test_an_editor_does_not_see_a_colleagues_change(press_editor, press_publisher):
    change = Change.prepare(make_article(), author=press_publisher)
    other = session(member("another-editor", _area(Article)))
    assert other.get(f"/admin/editorial/change/{change.pk}/change/").status_code == 403
    assert other.get(f"/admin/editorial/change/{change.pk}/preview/").status_code == 403
    # The list shows each their own, and publishers those of their area.
    assert change.title not in other.get("/admin/editorial/change/").content.decode()
    assert change.state == State.DRAFT


def test_editors_get_no_status_field_and_no_unpublish_action(editor):
    article = make_article()
    page = editor.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert 'name="status"' not in page
    assert 'name="_save"' not in page  # a live item: draft or submit only
    assert 'name="_save_draft"' in page and 'name="_submit"' in page
    listing = editor.get("/admin/news/article/").content.decode()
    assert "Unpublish the selected items" not in listing
