"""A second pair of eyes: an editor submits, a publisher who did not prepare the change
approves (published now or at its time) or sends it back with a reason; the author resubmits.
Every decision is recorded on the change and in the item's admin history."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from embassy.editorial.models import Change, State
from news.models import Article, Status
from tests.factories import make_article
from tests.helpers import frozen_at, text

from .conftest import session
from .forms import article_form

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture
def live():
    return make_article(title="Talks in Yerevan", body="<p>The ministers met in Yerevan.</p>")


def submitted(client, article, **fields) -> Change:
    response = client.post(
        f"/admin/news/article/{article.pk}/change/", article_form(article, "_submit", **fields)
    )
    assert response.status_code == 302, text(response)[:2000]
    return Change.objects.get(object_id=article.pk, state=State.SUBMITTED)


def decide(client, change: Change, decision: str, **data):
    return client.post(
        f"/admin/editorial/change/{change.pk}/decide/", {"decision": decision, **data}
    )


def test_a_publisher_approves_an_editors_change_and_it_is_published(
    editor, publisher, press_editor, press_publisher, live
):
    change = submitted(editor, live, title="Talks in Moscow")
    response = decide(publisher, change, "approve", **{"approve-note": "Checked with the desk."})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.state == State.PUBLISHED
    assert (change.reviewed_by, change.reviewed_at) == (press_publisher, NOW)
    assert change.decision_note == "Checked with the desk."
    live.refresh_from_db()
    assert live.title_en == "Talks in Moscow"
    # The item's history says who approved it; its version says whose change it was.
    messages = [e.get_change_message() for e in LogEntry.objects.filter(object_id=live.pk)]
    assert any("Published the change" in m and "press-publisher" in m for m in messages)
    assert any("Submitted for review" in m for m in messages)
    version = Version.objects.get_for_object(live).first()
    assert version.revision.user == press_publisher
    history = text(publisher.get(f"/admin/news/article/{live.pk}/history/"))
    assert "Published a change by press-editor, approved by press-publisher." in history


def test_sending_back_needs_a_reason_then_the_author_resubmits(editor, publisher, live):
    change = submitted(editor, live, title="Talks in Moscow")
    page = text(decide(publisher, change, "send_back", **{"send_back-note": ""}))
    assert "This field is required." in page
    change.refresh_from_db()
    assert change.state == State.SUBMITTED

    decide(publisher, change, "send_back", **{"send_back-note": "Say which ministers."})
    change.refresh_from_db()
    assert change.state == State.SENT_BACK
    assert change.decision_note == "Say which ministers."
    assert "Sent back: Say which ministers." in [
        e.get_change_message() for e in LogEntry.objects.filter(object_id=live.pk)
    ]
    # The author sees it on the admin index, edits it and submits it again.
    assert "Talks in Moscow" in text(editor.get("/admin/"))
    change = submitted(editor, live, title="Talks of the foreign ministers in Moscow")
    assert Change.objects.filter(object_id=live.pk).count() == 1
    decide(publisher, change, "approve")
    live.refresh_from_db()
    assert live.title_en == "Talks of the foreign ministers in Moscow"


def test_nobody_approves_their_own_change(press_publisher, second_publisher, live):
    own = session(press_publisher)
    change = submitted(own, live, title="Talks in Moscow")
    assert decide(own, change, "approve").status_code == 403
    change.refresh_from_db()
    assert change.state == State.SUBMITTED
    with pytest.raises(PermissionDenied):
        change.approve(by=press_publisher)
    page = text(own.get(f"/admin/editorial/change/{change.pk}/change/"))
    assert "Approve and publish" not in page
    assert "Another publisher approves your change" in page

    decide(session(second_publisher), change, "approve")
    change.refresh_from_db()
    assert change.state == State.PUBLISHED


def test_an_editor_cannot_approve_or_send_back(editor, press_editor, press_publisher, live):
    change = submitted(session(press_publisher), live, title="Talks in Moscow")
    assert decide(editor, change, "approve").status_code == 403
    assert decide(editor, change, "send_back", **{"send_back-note": "No."}).status_code == 403
    change.refresh_from_db()
    assert change.state == State.SUBMITTED
    with pytest.raises(PermissionDenied):
        change.approve(by=press_editor)


def test_an_editor_cannot_publish_a_new_article(editor, publisher):
    response = editor.post(
        "/admin/news/article/add/",
        article_form(
            Article(kind="speech", slug="visit", title_en="A visit", published_at=NOW),
            "_submit",
            status="published",  # not in the form: editors cannot set it
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="visit")
    assert article.status == Status.DRAFT
    change = Change.objects.get(object_id=article.pk)
    assert change.state == State.SUBMITTED and change.values["status"] == "published"
    decide(publisher, change, "approve")
    article.refresh_from_db()
    assert article.is_public


def test_approving_for_a_later_time_publishes_then(editor, publisher, live, visitor, frozen):
    change = submitted(editor, live, title="Talks in Moscow")
    decide(
        publisher,
        change,
        "approve",
        **{"approve-publish_at_0": "2022-06-28", "approve-publish_at_1": "18:00"},
    )
    change.refresh_from_db()
    assert change.state == State.APPROVED
    assert change.publish_at == datetime(2022, 6, 28, 17, 0, tzinfo=UTC)
    assert "Talks in Yerevan" in text(visitor.get(live.get_absolute_url()))


def test_a_superuser_publishes_in_an_emergency_with_a_reason(
    editor, admin_client, admin_user, live
):
    change = submitted(editor, live, title="Correction: talks in Moscow")
    page = text(decide(admin_client, change, "emergency", **{"emergency-note": ""}))
    assert "This field is required." in page
    decide(admin_client, change, "emergency", **{"emergency-note": "The statement was defaced."})
    change.refresh_from_db()
    assert change.state == State.PUBLISHED and change.is_emergency
    assert change.decision_note == "The statement was defaced."
    live.refresh_from_db()
    assert live.title_en == "Correction: talks in Moscow"
    messages = [e.get_change_message() for e in LogEntry.objects.filter(object_id=live.pk)]
    assert "Published in an emergency, without review: The statement was defaced." in messages


def test_only_a_superuser_publishes_in_an_emergency(editor, publisher, press_publisher, live):
    change = submitted(editor, live, title="Talks in Moscow")
    assert decide(publisher, change, "emergency", **{"emergency-note": "Now."}).status_code == 403
    change.refresh_from_db()
    assert change.state == State.SUBMITTED
    with pytest.raises(PermissionDenied):
        change.publish_in_emergency(by=press_publisher, reason="Now.")


def test_the_review_screen_compares_the_live_item_with_the_proposal(editor, publisher, live):
    change = submitted(
        editor, live, title="Talks in Moscow", body="<p>The ministers met in Moscow.</p>"
    )
    page = publisher.get(f"/admin/editorial/change/{change.pk}/change/").content.decode()
    removed = re.findall(r"<del>.*?</span>(.*?)</del>", page)
    added = re.findall(r"<ins>.*?</span>(.*?)</ins>", page)
    assert "Talks in Yerevan" in removed and "Talks in Moscow" in added  # the title, whole
    assert "Yerevan." in removed and "Moscow." in added  # the body, word by word
    assert "ministers" not in removed + added
    assert f"/admin/editorial/change/{change.pk}/preview/" in page


def test_a_change_to_an_item_changed_since_says_so(editor, publisher, live):
    change = submitted(editor, live, title="Talks in Moscow")
    Article.objects.filter(pk=live.pk).update(lead="A lead written meanwhile.")
    page = text(publisher.get(f"/admin/editorial/change/{change.pk}/change/"))
    assert "The published item was changed after this change was prepared" in page


def test_with_review_off_publishers_publish_directly_and_editors_still_submit(
    editor, publisher, live, settings
):
    settings.REVIEW_REQUIRED = False
    publisher.post(f"/admin/news/article/{live.pk}/change/", article_form(live, title="Direct"))
    live.refresh_from_db()
    assert live.title_en == "Direct" and not Change.objects.exists()

    editor.post(f"/admin/news/article/{live.pk}/change/", article_form(live, title="Edited"))
    live.refresh_from_db()
    assert live.title_en == "Direct"
    assert Change.objects.get().values["title_en"] == "Edited"


def test_the_bulk_publish_action_submits_for_review(editor, publisher, press_editor):
    drafts = [make_article(status=Status.DRAFT) for _ in range(2)]
    response = editor.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [d.pk for d in drafts], "index": "0"},
        follow=True,
    )
    assert "2 items submitted for review" in text(response)
    assert not Article.objects.published().exists()
    assert Change.objects.filter(state=State.SUBMITTED, author=press_editor).count() == 2
    # A publisher's bulk publication is submitted too while review is required.
    publisher.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [d.pk for d in drafts], "index": "0"},
    )
    assert not Article.objects.published().exists()


def test_withdrawing_a_change_leaves_the_item_as_it_is(editor, live):
    change = submitted(editor, live, title="Talks in Moscow")
    decide(editor, change, "withdraw")
    change.refresh_from_db()
    assert change.state == State.WITHDRAWN
    live.refresh_from_db()
    assert live.title_en == "Talks in Yerevan"
    with pytest.raises(ValidationError):
        change.withdraw(by=change.author)


def test_one_open_change_per_item(editor, press_editor, live):
    Change.prepare(live, author=press_editor)
    from django.db import IntegrityError, transaction

    duplicate = Change(content_type=Change.objects.get().content_type, object_id=live.pk, values={})
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_with_review_off_a_publisher_publishes_their_own_prepared_change(
    publisher, press_publisher, live, settings
):
    change = submitted(publisher, live, title="Talks in Moscow")
    with pytest.raises(PermissionDenied):
        change.approve(by=press_publisher)
    settings.REVIEW_REQUIRED = False
    decide(publisher, change, "approve")
    change.refresh_from_db()
    assert change.state == State.PUBLISHED


def test_a_new_articles_preview_says_it_is_not_public_yet(editor, publisher):
    editor.post(
        "/admin/news/article/add/",
        article_form(
            Article(kind="speech", slug="visit", title_en="A visit", published_at=NOW), "_submit"
        ),
    )
    change = Change.objects.get()
    page = text(publisher.get(f"/admin/editorial/change/{change.pk}/preview/"))
    assert "A visit" in page
    assert "an item waiting for publication: visitors cannot see it yet" in page
    assert publisher.get(Article.objects.get().get_absolute_url()).status_code == 200  # staff
