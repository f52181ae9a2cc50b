"""Standing pages among the search results in a real browser, audited by axe (WCAG 2.2 A/AA) in
English and in Russian."""

import pytest

from tests.factories import make_article, make_page

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages():
    top = make_page(
        "The Embassy",
        title_ru="Посольство",
        slug="embassy",
        lead="Who we are and where to find us.",
        lead_ru="Кто мы и где нас найти.",
        body="<p>The embassy building stands in Kensington.</p>",
        body_ru="<p>Здание посольства стоит в Кенсингтоне.</p>",
    )
    make_page(
        "History of the building",
        title_ru="История здания",
        parent=top,
        slug="history",
        body="<p>The building in Kensington was bought in 1930.</p>",
        body_ru="<p>Здание в Кенсингтоне было куплено в 1930 году.</p>",
    )
    make_article("Reception in Kensington", title_ru="Приём в Кенсингтоне")


@pytest.mark.parametrize(
    ("path", "kind", "address"),
    [
        ("/news/search/?q=Kensington", "Page", "/embassy/history/"),
        ("/ru/news/search/?q=Кенсингтоне", "Страница", "/ru/embassy/history/"),
    ],
)
def test_pages_among_the_results_pass_the_audit(visit, pages, path, kind, address):
    page = visit(path)
    results = page.locator(".search-results > li")
    assert results.count() == 3
    assert page.locator(".search-results .item-kind", has_text=kind).count() == 2
    assert page.locator(".search-address", has_text=address).is_visible()
    page.locator(f'.search-results a[href="{address}"]').click()
    page.wait_for_url(f"**{address}")
