"""A press officer, working in English or in Russian, finds the articles whose Russian
translation is outdated, reads what changed in the original, and marks the translation up to
date; the lists and the forms with their changes pass the accessibility audit in both
languages."""

import pytest
from django.contrib.auth.models import Group, User

from embassy.sitewide.models import IncidentCounter
from news.models import Article
from tests.browser.conftest import audit, log_in_to_the_admin
from tests.factories import make_article, make_counter
from tests.helpers import authenticator

# A publisher's save of a live item goes live at once with review off: what is checked here is
# the translation's state after the save (review itself: tests/browser/test_review.py).
pytestmark = [
    pytest.mark.system,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("review_not_required"),
]

PASSWORD = "a-long-test-password-1848"

WORDS = {
    "en-GB": {
        "outdated": "Russian: outdated",
        "changes": "Changes to the original since it was translated",
        "removed": "Removed:",
    },
    "ru-RU": {
        "outdated": "Русский: устарел",
        "changes": "Изменения оригинала после перевода",
        "removed": "Удалено:",
    },
}


def outdated_article() -> Article:
    article = make_article(
        title="Ministers meet",
        lead="The ministers met in Yerevan.",
        body="<p>The ministers met.</p><p>They agreed a plan.</p><p>Talks go on.</p>",
    )
    article = Article.objects.get(pk=article.pk)
    article.title_en = "Ministers meet in Yerevan"
    article.body_en = "<p>The ministers met.</p><p>They agreed two plans.</p><p>Talks go on.</p>"
    article.save()
    return article


def log_in(page, live_server, path: str) -> None:
    # A press officer: the "Press office" groups (news and the header's clocks and counters),
    # a publisher's too.
    user = User.objects.create_user("press-officer", password=PASSWORD, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=["Press office", "Press office publishers"]))
    log_in_to_the_admin(
        page, live_server, "press-officer", PASSWORD, "/admin/", authenticator(user)
    )
    page.goto(live_server.url + path)


@pytest.mark.parametrize("browser_locale", ["en-GB", "ru-RU"])
def test_a_press_officer_reviews_an_outdated_translation_and_marks_it_up_to_date(
    page, live_server, browser_locale
):
    words = WORDS[browser_locale]
    article = outdated_article()
    make_article(title="Untranslated", translate=False)
    make_article(title="Translated")

    log_in(page, live_server, "/admin/news/article/?translation=ru%3Aoutdated")
    assert page.locator("html").get_attribute("lang") == browser_locale[:2]
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert words["outdated"] in rows.first.inner_text()
    audit(page)

    rows.first.locator("th a").click()
    page.wait_for_url(f"**/admin/news/article/{article.pk}/change/**")
    section = page.locator("fieldset").first
    assert words["changes"] in section.inner_text()
    removed = section.locator("del").first
    added = section.locator("ins").first
    assert words["removed"] in removed.inner_text()
    assert removed.inner_text().endswith("Ministers meet")
    assert added.inner_text().endswith("Ministers meet in Yerevan")
    # Marked by more than colour: struck through and underlined.
    assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "They agreed two plans." in section.inner_text()
    # The rest of the article's form (the body editor, Django's date and time inputs) is not
    # this test's subject: the section with the changes is audited here, a whole form below.
    audit(page, within="fieldset:first-of-type")

    section.locator('input[name="translations_checked"][value="ru"]').check()
    page.locator('input[name="_save"]').first.click()
    page.wait_for_url("**/admin/news/article/**")
    assert not Article.objects.get(pk=article.pk).is_outdated_in("ru")


@pytest.mark.parametrize("browser_locale", ["en-GB", "ru-RU"])
def test_a_whole_form_with_the_changes_passes_the_audit(page, live_server, browser_locale):
    counter = make_counter(note="no answer yet")
    counter = IncidentCounter.objects.get(pk=counter.pk)
    counter.note_en = "still no answer"
    counter.save()

    log_in(page, live_server, "/admin/embassy/incidentcounter/")
    assert WORDS[browser_locale]["outdated"] in page.locator("#result_list").inner_text()
    audit(page)

    page.goto(f"{live_server.url}/admin/embassy/incidentcounter/{counter.pk}/change/")
    section = page.locator("fieldset").first
    assert WORDS[browser_locale]["changes"] in section.inner_text()
    assert "still no answer" in section.locator("ins").inner_text()
    audit(page)
