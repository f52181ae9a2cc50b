"""A new picture for a live item travels with its change: stored (cleaned, with renditions)
when the change is prepared, shown by the preview, taken by the live row only when the change
is published, when the replaced picture's files go."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from embassy.editorial.models import Change, State
from news.models import Article
from tests.factories import make_article
from tests.helpers import frozen_at
from tests.news.image_files import jpeg_upload, media_files

from .forms import article_form

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture
def live(settings):
    article = make_article(title="Talks in Yerevan", image_alt="The ministers")
    article.image = jpeg_upload("first.jpg")
    article.save()
    return article


def names(settings) -> set[str]:
    return {str(path.relative_to(Path(settings.MEDIA_ROOT))) for path in media_files(settings)}


def test_a_changes_new_picture_waits_with_it_and_replaces_the_old_one_when_published(
    editor, publisher, live, settings, django_capture_on_commit_callbacks
):
    live_files = names(settings)
    form = article_form(live, "_submit", image=jpeg_upload("second.jpg"), image_alt="Handshake")
    response = editor.post(f"/admin/news/article/{live.pk}/change/", form)
    assert response.status_code == 302
    change = Change.objects.get(object_id=live.pk, state=State.SUBMITTED)
    master = change.values["image"]
    assert master != live.image.name
    assert master in names(settings)  # stored (and cleaned) already, with its renditions
    assert len(change.values["image_renditions"]["renditions"]) >= 1

    live.refresh_from_db()
    assert live.image.name != master  # visitors keep the published picture
    preview = editor.get(f"/admin/editorial/change/{change.pk}/preview/").content.decode()
    assert master.rsplit(".", 1)[0] in preview

    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(
            f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"}
        )
    assert response.status_code == 302
    live = Article.objects.get(pk=live.pk)
    assert live.image.name == master
    assert live.image_renditions == change.values["image_renditions"]
    assert live.picture is not None
    # The replaced picture's files are gone; the new one's are all there.
    assert not live_files & names(settings)
    assert master in names(settings)


def test_a_change_without_a_new_picture_keeps_the_live_one(editor, publisher, live, settings):
    before = names(settings)
    form = article_form(live, "_submit", title="Talks in Moscow", image_alt="The ministers")
    editor.post(f"/admin/news/article/{live.pk}/change/", form)
    change = Change.objects.get(object_id=live.pk)
    publisher.post(f"/admin/editorial/change/{change.pk}/decide/", {"decision": "approve"})
    live.refresh_from_db()
    assert live.title_en == "Talks in Moscow"
    assert names(settings) == before
