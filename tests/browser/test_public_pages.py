"""The newsroom's public pages in a real browser, each audited by axe (WCAG 2.2 A/AA)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from news.models import Kind
from tests.browser.conftest import audit
from tests.factories import make_article, make_event
from tests.news.image_files import jpeg_upload

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom():
    now = timezone.now()
    today = timezone.localdate()
    article = make_article(
        "Statement after the CSTO meeting in Yerevan",
        slug="csto-yerevan",
        kind=Kind.SPEECH,
        is_featured=True,
        published_at=now - timedelta(days=1),
        delivered_on=(now - timedelta(days=2)).date(),
        delivered_at="Yerevan",
        lead="The ministers adopted a statement on security.",
        body=(
            "<p>The ministers met in Yerevan.</p>"
            "<p><strong>Question:</strong> What was agreed?</p>"
            "<p><strong>Answer:</strong> A plan of consultations.</p>"
            "<blockquote><p>Dialogue remains open.</p></blockquote>"
        ),
        source_url="https://mid.ru/en/foreign_policy/news/1817245/",
        image=jpeg_upload(size=(1200, 800)),
        image_alt="Foreign ministers around a table",
        image_caption="Yerevan, the day of the meeting",
    )
    for n in range(3):
        make_article(
            f"Interview number {n}", kind=Kind.INTERVIEW, published_at=now - timedelta(days=3 + n)
        )
    make_event(
        "Talks in Tehran",
        starts_on=today + timedelta(days=5),
        place="Tehran",
        teaser="Two days of talks.",
        published_at=now - timedelta(hours=5),
    )
    make_event(
        "Visit to Ankara",
        starts_on=date(2022, 6, 9),
        place="Ankara",
        teaser="A working visit.",
        published_at=now - timedelta(days=30),
    )
    return article


def test_home_page(visit, newsroom):
    page = visit("/")
    assert page.get_by_role("heading", name=newsroom.title).is_visible()
    assert page.get_by_role("img", name="Foreign ministers around a table").is_visible()
    assert page.get_by_role("link", name="All messages").first.is_visible()


def test_article_page(visit, newsroom):
    page = visit(newsroom.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == newsroom.title
    assert page.get_by_text("Delivered in Yerevan on").is_visible()
    assert (
        page.locator("link[rel=canonical]")
        .get_attribute("href")
        .endswith(newsroom.get_absolute_url())
    )


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(visit, newsroom):
    page = visit(newsroom.get_absolute_url())
    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"**/ru{newsroom.get_absolute_url()}")
    assert page.locator("html").get_attribute("lang") == "ru"
    audit(page)
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="English").click()
    page.wait_for_url(f"**{newsroom.get_absolute_url()}")
    assert page.url.endswith(newsroom.get_absolute_url()) and "/ru/" not in page.url
    assert page.locator("html").get_attribute("lang") == "en"


def test_archive_filtered_by_kind(visit, newsroom):
    page = visit("/news/")
    page.get_by_label("Kind").select_option("interview")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/news/?kind=interview**")
    audit(page)
    titles = page.locator(".entry__title").all_inner_texts()
    assert titles == ["Interview number 0", "Interview number 1", "Interview number 2"]
    assert page.locator("nav.site-nav a[aria-current=page]").inner_text() == "All messages"


def test_archive_with_a_bad_filter_is_accessible_too(visit, newsroom):
    page = visit("/news/?month=13", expect_status=404)
    assert page.get_by_role("alert").is_visible()


def test_events_page(visit, newsroom):
    page = visit("/news/events/")
    upcoming = page.locator("section", has=page.locator("#upcoming-title"))
    past = page.locator("section", has=page.locator("#past-title"))
    assert "Talks in Tehran" in upcoming.inner_text()
    assert "Visit to Ankara" in past.inner_text()


def test_search_results_highlight_the_match(visit, newsroom):
    page = visit("/news/search/")
    page.get_by_label("Search the news").fill("consultations")
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/search/?q=consultations")
    audit(page)
    mark = page.locator(".search-results mark").first
    assert mark.is_visible()
    assert mark.inner_text().lower() == "consultations"
    # The highlight stands out from the text around it.
    background = mark.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    visit("/news/search/?q=Yerevan")
