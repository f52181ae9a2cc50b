"""Drafts of live content: a change to a published article is kept as a Change until it is
published; no public output (page, lists, feeds, search, sitemap, page cache) shows it before,
every one shows it at once after. Staff preview it through the public page, never cached."""

import re
from datetime import UTC, datetime

import pytest

from embassy.editorial.models import Change, State
from news.models import Article
from tests.factories import make_article
from tests.helpers import frozen_at

from .forms import article_form

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)

OLD, NEW = "Talks in Yerevan", "Talks in Moscow"
# Every public output that lists or shows the article, and what in it names the article.
OUTPUTS = ["/", "/news/", "/news/feed/rss/", "/news/feed/atom/", "/news/search/?q=talks"]


@pytest.fixture
def live():
    return make_article(title=OLD, body="<p>The ministers met in Yerevan.</p>")


def public_text(visitor, path: str) -> str:
    response = visitor.get(path)
    assert response.status_code == 200, path
    return re.sub(r"</?mark>", "", response.content.decode())  # search marks its matches


def test_a_draft_of_a_live_article_leaves_every_output_as_it_was(editor, visitor, live):
    pages = [live.get_absolute_url(), *OUTPUTS]
    before = {path: public_text(visitor, path) for path in pages}  # cached now
    assert [path for path, page in before.items() if OLD not in page] == []

    response = editor.post(
        f"/admin/news/article/{live.pk}/change/",
        article_form(live, "_save_draft", title=NEW, body="<p>They met in Moscow.</p>"),
    )
    assert response.status_code == 302
    change = Change.objects.get()
    assert response["Location"] == f"/admin/editorial/change/{change.pk}/change/"
    assert change.state == State.DRAFT and change.object_id == live.pk

    live.refresh_from_db()
    assert (live.title_en, live.body_en) == (OLD, "<p>The ministers met in Yerevan.</p>")
    for path in pages:
        page = public_text(visitor, path)
        assert OLD in page and NEW not in page and "Moscow" not in page, path
    # The page cache renders again (the draft replaced nothing) and still has the old text.
    assert Article.objects.published().get().title_en == OLD


def test_a_published_change_shows_in_every_output_at_once(editor, publisher, visitor, live):
    pages = [live.get_absolute_url(), *OUTPUTS]
    for path in pages:
        public_text(visitor, path)  # cached
    editor.post(f"/admin/news/article/{live.pk}/change/", article_form(live, "_submit", title=NEW))
    change = Change.objects.get()
    assert change.state == State.SUBMITTED
    response = publisher.post(
        f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.state == State.PUBLISHED
    for path in pages:
        page = public_text(visitor, path)
        assert NEW in page and OLD not in page, path


def test_editing_an_item_with_a_prepared_change_edits_the_change(editor, live):
    editor.post(
        f"/admin/news/article/{live.pk}/change/", article_form(live, "_save_draft", title=NEW)
    )
    page = editor.get(f"/admin/news/article/{live.pk}/change/").content.decode()
    assert f'value="{NEW}"' in page
    assert "visitors still see the published version" in page
    editor.post(
        f"/admin/news/article/{live.pk}/change/",
        article_form(live, "_save_draft", title="Talks in Minsk"),
    )
    change = Change.objects.get()  # still one change for the item
    assert change.values["title_en"] == "Talks in Minsk"
    live.refresh_from_db()
    assert live.title_en == OLD


def test_the_preview_shows_the_change_through_the_public_page_and_is_never_stored(
    editor, live, django_assert_num_queries
):
    editor.post(
        f"/admin/news/article/{live.pk}/change/", article_form(live, "_save_draft", title=NEW)
    )
    change = Change.objects.get()
    response = editor.get(f"/admin/editorial/change/{change.pk}/preview/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{NEW}</h1>" in page
    assert "visitors still see the published version of this page" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response.templates[0].name == "news/article_detail.html"
    live.refresh_from_db()
    assert live.title_en == OLD


def test_the_add_forms_preview_shows_unsaved_values_and_writes_nothing(editor):
    article = Article(
        kind="speech",
        slug="new-speech",
        title_en="A new speech",
        title_ru="Новая речь",
        body_en="<p>Unsaved words.</p>",
        published_at=NOW,
    )
    form = article_form(article, "_preview_object", _preview_object="")
    response = editor.post("/admin/news/article/preview/", form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A new speech" in page and "Unsaved words." in page
    assert "a picture chosen in the form is not shown" in page
    assert "no-store" in response["Cache-Control"]
    assert not Article.objects.exists() and not Change.objects.exists()


def test_the_form_preview_shows_the_errors_instead_of_a_page(editor):
    article = Article(kind="speech", slug="", title_en="", published_at=NOW)
    response = editor.post("/admin/news/article/preview/", article_form(article, "_preview_object"))
    assert response.status_code == 200
    assert "cannot be shown" in response.content.decode()
    assert not Article.objects.exists()


def test_a_preview_needs_a_session_past_the_second_factor(client, live):
    response = client.get("/admin/editorial/change/1/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_drafted_new_address_is_nowhere_until_published(editor, publisher, visitor, live):
    old_address = live.get_absolute_url()
    editor.post(
        f"/admin/news/article/{live.pk}/change/", article_form(live, "_submit", slug="moscow")
    )
    sitemap = public_text(visitor, "/sitemap-articles.xml")
    assert old_address in sitemap and "/moscow/" not in sitemap
    assert visitor.get(old_address).status_code == 200
    assert visitor.get(old_address.replace(live.slug, "moscow")).status_code == 404

    change = Change.objects.get()
    publisher.post(f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"})
    sitemap = public_text(visitor, "/sitemap-articles.xml")
    assert "/moscow/" in sitemap and old_address not in sitemap
    # The old address leads to the new one, as for any change of address.
    response = visitor.get(old_address)
    assert response.status_code == 301 and response["Location"].endswith("/moscow/")


def test_deleting_an_item_withdraws_its_prepared_change(press_editor, live):
    live.title_en = NEW
    change = Change.prepare(live, author=press_editor)
    live.delete()
    change.refresh_from_db()
    assert change.state == State.WITHDRAWN
