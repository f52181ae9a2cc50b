"""The admin index: publishers see what waits for their review (their own area only); editors
see what was sent back to them and their prepared changes."""

import pytest

from embassy.editorial.models import Change
from tests.factories import make_article
from tests.helpers import text

from .conftest import session

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(press_editor):
    article = make_article(title="Talks in Yerevan")
    article.title_en = "Talks in Moscow"
    change = Change.prepare(article, author=press_editor)
    change.submit(by=press_editor)
    return change


def test_publishers_see_what_waits_for_review(publisher, waiting):
    page = publisher.get("/admin/").content.decode()
    assert "Waiting for review" in page
    assert f'href="/admin/editorial/change/{waiting.pk}/change/">Talks in Moscow</a>' in page


def test_the_other_areas_publishers_do_not(consular_publisher, waiting):
    page = text(session(consular_publisher).get("/admin/"))
    assert "Waiting for review" in page and "Nothing is waiting for review." in page
    assert "Talks in Moscow" not in page


def test_editors_see_their_changes_and_what_was_sent_back(editor, press_publisher, waiting):
    page = text(editor.get("/admin/"))
    assert "Waiting for review" not in page
    assert "Your prepared changes" in page and "Talks in Moscow" in page
    waiting.send_back(by=press_publisher, note="Say which ministers.")
    page = editor.get("/admin/").content.decode()
    start = page.index("Sent back to you")
    assert "Talks in Moscow" in page[start : page.index("</section>", start)]
