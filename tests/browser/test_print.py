"""A page as it prints: with its day counters, and each link's address written once."""

from datetime import date

import pytest

from tests.factories import make_article, make_counter

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

BODY = (
    '<p>Read <a href="https://example.org/statement">the statement</a> at '
    '<a href="https://example.org/text">https://example.org/text</a>.</p>'
)


def after(locator) -> str:
    return locator.evaluate("node => getComputedStyle(node, '::after').content")


def test_a_page_prints_its_counters_and_each_address_once(page, visit):
    make_counter("the Salisbury incident", date(2018, 3, 4))
    article = make_article(body=BODY, source_url="https://example.org/source")
    visit(article.get_absolute_url(), run_audit=False)
    prints_counters_and_each_address_once(page)
    assert after(page.locator(".source-link")) == "none"


def prints_counters_and_each_address_once(page) -> None:
    """Asserts that the page open in `page`, its body made of BODY, prints the Salisbury
    counter, a link's address after its text, and an address that is its own text once."""
    page.emulate_media(media="print")
    assert page.locator(".counters").is_visible()
    assert "days have passed since the Salisbury incident" in page.locator(".counters").inner_text()
    prose = page.locator(".prose")
    assert (
        after(prose.get_by_role("link", name="the statement"))
        == '" (https://example.org/statement)"'
    )
    assert after(prose.get_by_role("link", name="https://example.org/text")) == "none"
