"""The admin's index with what is going on in the area passes the accessibility audit, in
English and in Russian."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from consular.models import Notice
from embassy.editorial.models import Change
from news.models import Status
from tests.browser.conftest import audit
from tests.browser.test_csp import log_in
from tests.factories import make_article

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("browser_locale", ["en-GB", "ru-RU"])
def test_the_admin_index_with_its_panels_passes_the_audit(page, live_server, browser_locale):
    make_article("A speech tomorrow", published_at=timezone.now() + timedelta(days=1))
    make_article("A draft", status=Status.DRAFT)
    Notice.objects.create(title="Closed on Friday", text="The section is closed.")
    log_in(page, live_server)
    # A change waiting for review, prepared by a colleague.
    colleague = User.objects.create_user("colleague", is_staff=True)
    article = make_article("Talks in Yerevan")
    article.title_en = article.title_ru = "Talks in Moscow"
    Change.prepare(article, author=colleague).submit(by=colleague)
    page.goto(live_server.url + reverse("admin:index"))
    # Scheduled, drafts, notices, and the review's: waiting, sent back, your prepared changes.
    assert page.locator(".admin-panel").count() == 7
    assert page.get_by_role("link", name="A speech tomorrow").is_visible()
    assert page.get_by_role("link", name="Talks in Moscow").is_visible()
    audit(page)
