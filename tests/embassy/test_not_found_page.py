"""A page not found carries the whole frame (date line, clocks, counters, the consular contact,
urgent notices, the menu, the footer) in the language of its address, so a visitor from a dead
link can still reach the embassy; it costs no more than a normal page once the header's rows
are cached."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consular.models import Level, Notice
from tests.factories import make_article, make_clock, make_contact_point, make_counter
from tests.helpers import frozen_at, visible_text

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture
def header_rows():
    make_clock("Moscow", "Europe/Moscow", order=1)
    make_clock("London", "Europe/London", order=2)
    make_counter("the Salisbury incident", event_date=date(2018, 3, 4))
    make_contact_point(in_header=True, numbers=["+44 20 7946 0321"])
    Notice.objects.create(
        **{
            "title_en": "Closed on Monday",
            "title_ru": "В понедельник закрыто",
            "text_en": "The section is closed.",
            "text_ru": "Отдел закрыт.",
        },
        level=Level.URGENT,
    )


def region(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_a_missing_page_is_a_404_with_the_header_menu_and_footer(client, header_rows):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    header = region(html, '<header class="site-header">', "</header>")
    assert "28 June 2022" in header
    assert "Moscow: <time" in header and "London: <time" in header
    assert "13:46" in header and "15:46" in header
    assert "1577 days have passed since the Salisbury incident" in visible_text(header)
    assert 'href="tel:+442079460321"' in header and "consular@example.org" in header
    assert "Closed on Monday" in region(html, 'class="notice-banner"', "</aside>")
    menu = region(html, '<nav class="site-nav"', "</nav>")
    for link in ('href="/"', 'href="/news/"', 'href="/news/events/"', 'href="/consular/"'):
        assert link in menu
    assert "official website" in region(html, '<footer class="site-footer">', "</footer>")


def test_a_missing_page_at_a_russian_address_is_all_in_russian(client, header_rows):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Language"] == "ru"
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "<h1>Страница не найдена</h1>" in html
    header = region(html, '<header class="site-header">', "</header>")
    assert "28 июня 2022" in header
    assert "Прошло 1577 дней" in visible_text(header)
    assert "В понедельник закрыто" in region(html, 'class="notice-banner"', "</aside>")
    menu = region(html, '<nav class="site-nav"', "</nav>")
    assert 'href="/ru/consular/"' in menu and "Консульские услуги" in menu
    assert 'href="/ru/"' in region(html, "<main", "</main>")


def test_a_missing_page_names_no_alternates_and_is_not_indexed(client, header_rows):
    html = client.get("/ru/no-such-page/").content.decode()
    assert 'rel="alternate" hreflang' not in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_warm_404_costs_no_more_than_a_warm_normal_page(client, header_rows, no_page_cache):
    article = make_article(published_at=NOW)
    client.get("/no-such-page-yet/")  # the header's rows and the redirects' addresses, cached
    with CaptureQueriesContext(connection) as missing:
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Moscow: <time" in response.content.decode()
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as normal:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(missing) <= len(normal)
