"""Versions in a real browser: a press officer opens a defaced statement's history, compares the
defaced version with the right one, and restores the right one in one click; in English and in
Russian, each page audited with axe and watched for Content-Security-Policy violations."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from news.models import Article, Status
from tests.browser.conftest import audit, log_in_to_the_admin
from tests.browser.test_csp import WATCH_VIOLATIONS
from tests.factories import make_article
from tests.helpers import authenticator

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1848"


def press_officer() -> User:
    user = User.objects.create_user("press-officer", password=PASSWORD, is_staff=True)
    codenames = [f"{a}_{m}" for a in ("add", "change", "view") for m in ("article", "event")]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
    )
    return user


def defaced_statement() -> Article:
    article = make_article(
        title="Statement on the consultations",
        body="<p>The ministers <strong>agreed</strong> a plan of consultations.</p>",
        status=Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )
    article.title = "Defaced"
    article.body = "<p>The ministers quarrelled.</p>"
    article.save()
    return article


@pytest.mark.parametrize(
    ("browser_locale", "words"),
    [
        (
            "en-GB",
            {
                "compare": "Compare the chosen versions",
                "differs": "What differs",
                "restore": "Restore",
                "restored": "again. The restore is a new version",
            },
        ),
        (
            "ru-RU",
            {
                "compare": "Сравнить выбранные версии",
                "differs": "Что различается",
                "restore": "Восстановить",
                "restored": "Восстановление — это новая версия",
            },
        ),
    ],
)
def test_a_press_officer_compares_and_restores_a_defaced_statement(
    browser_locale, words, page, live_server
):
    device = authenticator(press_officer())
    article = defaced_statement()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    history = f"/admin/news/article/{article.pk}/history/"
    log_in_to_the_admin(page, live_server, "press-officer", PASSWORD, history, device)
    audit(page)
    assert page.locator(".versions-history tbody tr").count() == 2

    # The latest two are chosen by default: compare them.
    page.get_by_role("button", name=words["compare"]).click()
    page.wait_for_url("**/history/compare/**")
    assert page.get_by_text(words["differs"]).is_visible()
    assert page.locator("del", has_text="agreed a plan of consultations.").is_visible()
    assert page.locator("ins", has_text="quarrelled.").is_visible()
    audit(page)
    assert violations + page.evaluate("window.cspViolations") == []

    # Back in the history, restore the right version in one click.
    page.goto(live_server.url + history)
    page.locator(".versions-history tbody tr").nth(1).get_by_role(
        "button", name=words["restore"]
    ).click()
    page.wait_for_url(f"**{history}")
    assert words["restored"] in page.locator(".messagelist").inner_text()
    assert page.locator(".versions-history tbody tr").count() == 3
    audit(page)
    assert violations + page.evaluate("window.cspViolations") == []

    article.refresh_from_db()
    assert article.title == "Statement on the consultations"
    visitor = page.context.browser.new_context()
    public = visitor.new_page()
    public.goto(live_server.url + article.get_absolute_url())
    assert "agreed" in public.locator("main").inner_text()
    visitor.close()
