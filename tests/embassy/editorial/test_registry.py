"""What an app's registration decides: a model it has not registered is saved as before (as
pages are until their app registers them), and a model whose items belong to areas limits its
publishers to their own items (`keeps`)."""

import dataclasses

import pytest
from django.db.models import Q

from embassy.editorial import registry
from embassy.editorial.models import Change
from news.models import Article, Kind
from tests.factories import make_article

from .forms import article_form

pytestmark = pytest.mark.django_db


def test_a_model_that_is_not_registered_is_saved_as_before(editor, monkeypatch):
    monkeypatch.delitem(registry._reviewed, Article)
    article = make_article(title="Talks in Yerevan")
    page = editor.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert 'name="_save"' in page and 'name="_submit"' not in page
    editor.post(f"/admin/news/article/{article.pk}/change/", article_form(article, title="Direct"))
    article.refresh_from_db()
    assert article.title_en == "Direct" and not Change.objects.exists()


def test_a_model_with_areas_is_reviewed_by_the_publishers_of_the_items_area(
    press_editor, press_publisher, publisher, monkeypatch
):
    # As if each kind of article were an area, and this publisher kept the speeches only.
    speeches_only = dataclasses.replace(
        registry._reviewed[Article],
        keeps=lambda user, item: item.kind == Kind.SPEECH,
        kept_by=lambda user: Q(values__kind=Kind.SPEECH),
    )
    monkeypatch.setitem(registry._reviewed, Article, speeches_only)
    changes = {}
    for kind in (Kind.SPEECH, Kind.INTERVIEW):
        item = make_article(title=f"A {kind}", kind=kind)
        item.title_en = f"The {kind}, corrected"
        changes[kind] = Change.prepare(item, author=press_editor)
        changes[kind].submit(by=press_editor)

    assert changes[Kind.SPEECH].may_review(press_publisher)
    assert not changes[Kind.INTERVIEW].may_review(press_publisher)
    url = "/admin/editorial/change/{}/change/"
    assert publisher.get(url.format(changes[Kind.SPEECH].pk)).status_code == 200
    assert publisher.get(url.format(changes[Kind.INTERVIEW].pk)).status_code == 403
    index = publisher.get("/admin/").content.decode()
    assert "The speech, corrected" in index and "The interview, corrected" not in index
