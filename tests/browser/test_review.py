"""Drafts and review in a real browser: a press editor changes a live statement, previews it
from the form, and submits it; a publisher finds it on the admin's index, compares it with what
is live and approves it; visitors see it then, not before. In English and in Russian, each page
audited with axe and watched for Content-Security-Policy violations."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from embassy.sitewide import roles
from news.models import Article, Status
from tests.browser.conftest import audit, log_in_to_the_admin
from tests.browser.test_csp import WATCH_VIOLATIONS
from tests.factories import make_article
from tests.helpers import authenticator

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1848"
OLD, NEW = "Statement on the consultations", "Statement on the consultations in Moscow"


def staff(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def watched(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    return violations


def audited(page, violations: list[str], within: str | None = None) -> None:
    """No CSP violation on the page as loaded, then axe's audit (whose injected styles the
    policy refuses: the console's reports of them are not the page's)."""
    page.wait_for_load_state("networkidle")
    assert violations + page.evaluate("window.cspViolations") == []
    audit(page, within=within)
    violations.clear()


WORDS = {
    "en-GB": {
        "preview": "Preview (opens a new tab)",
        "submit": "Submit for review",
        "submitted": "is submitted for review",
        "waiting": "Waiting for review",
        "approve": "Approve",
        "published": "is published",
        "preview_note": "This is a preview of the form's values",
    },
    "ru-RU": {
        "preview": "Предпросмотр (в новой вкладке)",
        "submit": "Отправить на проверку",
        "submitted": "отправлено на проверку",
        "waiting": "Ожидает проверки",
        "approve": "Одобрить",
        "published": "опубликовано",
        "preview_note": "Это предпросмотр значений формы",
    },
}


@pytest.mark.parametrize("browser_locale", list(WORDS))
def test_an_editor_submits_a_change_and_a_publisher_approves_it(browser_locale, page, live_server):
    words = WORDS[browser_locale]
    editor = staff("press-editor", roles.PRESS_OFFICE.group)
    publisher = staff("press-publisher", roles.PRESS_OFFICE.group, roles.PRESS_OFFICE.publishers)
    article = make_article(
        title=OLD, status=Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
    )
    violations = watched(page)

    # The editor: the change form of a live statement, its preview, the submission.
    form = f"/admin/news/article/{article.pk}/change/"
    log_in_to_the_admin(page, live_server, "press-editor", PASSWORD, form, authenticator(editor))
    # The buttons this work adds (the rest of the article's form is audited with the editor's).
    audited(page, violations, within=".editorial-buttons")
    page.fill("#id_title_en", NEW)
    page.fill("#id_title_ru", NEW)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=words["preview"]).first.click()
    preview = opened.value
    preview.wait_for_load_state()
    assert NEW in preview.locator("h1").inner_text()
    assert words["preview_note"] in preview.locator(".banner-draft").inner_text()
    audit(preview)
    preview.close()
    assert Article.objects.get().title_en == OLD  # the preview saved nothing

    page.get_by_role("button", name=words["submit"]).first.click()
    page.wait_for_url("**/admin/editorial/change/**")
    assert words["submitted"] in page.locator(".messagelist").inner_text()
    audited(page, violations)

    # Visitors still see the statement as it was.
    visitor = page.context.browser.new_context(locale=browser_locale)
    public = visitor.new_page()
    public.goto(live_server.url + article.get_absolute_url())
    assert public.locator("h1").inner_text() == OLD

    # The publisher: the index's panel, the review screen, the approval.
    context = page.context.browser.new_context(locale=browser_locale)
    review = context.new_page()
    violations = watched(review)
    log_in_to_the_admin(
        review, live_server, "press-publisher", PASSWORD, "/admin/", authenticator(publisher)
    )
    panel = review.locator(".admin-panel", has_text=words["waiting"])
    assert NEW in panel.inner_text()
    audited(review, violations)
    panel.get_by_role("link", name=NEW).click()
    review.wait_for_url("**/admin/editorial/change/**")
    assert review.locator("ins", has_text="in Moscow").first.is_visible()
    audited(review, violations)
    review.get_by_role("button", name=words["approve"], exact=True).click()
    review.wait_for_url("**/admin/editorial/change/**")
    assert words["published"] in review.locator(".messagelist").inner_text()
    audited(review, violations)
    context.close()

    public.goto(live_server.url + article.get_absolute_url())
    assert public.locator("h1").inner_text() == NEW
    visitor.close()


@pytest.mark.parametrize("browser_locale", list(WORDS))
def test_an_editors_counter_form_and_index_pass_the_audit(browser_locale, page, live_server):
    """A status-less item (what every page shows): the editor's form offers a draft and a
    submission, no save; the index lists their prepared and sent-back changes."""
    from embassy.editorial.models import Change
    from tests.factories import make_counter

    editor = staff("press-editor", roles.PRESS_OFFICE.group)
    publisher = staff("press-publisher", roles.PRESS_OFFICE.group, roles.PRESS_OFFICE.publishers)
    counter = make_counter()
    counter.note_en = "an answer at last"
    sent_back = Change.prepare(counter, author=editor)
    sent_back.submit(by=editor)
    sent_back.send_back(by=publisher, note="Which answer?")
    violations = watched(page)

    form = f"/admin/embassy/incidentcounter/{counter.pk}/change/"
    log_in_to_the_admin(page, live_server, "press-editor", PASSWORD, form, authenticator(editor))
    assert page.locator('input[name="_save"]').count() == 0
    assert page.locator(".editorial-note").is_visible()
    audited(page, violations)
    page.goto(f"{live_server.url}/admin/")
    assert "the Salisbury incident" in page.locator(".admin-panels").inner_text()
    audited(page, violations)
    page.goto(f"{live_server.url}/admin/editorial/change/")
    assert "the Salisbury incident" in page.locator("#result_list").inner_text()
    audited(page, violations)
    page.goto(f"{live_server.url}/admin/editorial/change/{sent_back.pk}/change/")
    assert "Which answer?" in page.locator(".editorial-facts").inner_text()
    audited(page, violations)
