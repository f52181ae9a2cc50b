"""The page not found in a real browser, with the demo's header and an urgent notice: axe finds
nothing in English or Russian, and the menu leads on to the embassy's pages."""

import pytest
from django.core.management import call_command

from consular.models import Level, Notice

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    call_command("load_demo", "--no-accounts")
    Notice.objects.create(
        title_en="Closed on Monday",
        title_ru="В понедельник закрыто",
        text_en="The consular section is closed for a public holiday.",
        text_ru="Консульский отдел закрыт в связи с праздником.",
        level=Level.URGENT,
    )


@pytest.mark.parametrize(
    ("path", "heading", "consular"),
    [
        ("/no-such-page/", "Page not found", "Consular services"),
        ("/ru/no-such-page/", "Страница не найдена", "Консульские услуги"),
    ],
)
def test_the_404_page_with_the_whole_frame_passes_axe(visit, site, path, heading, consular):
    page = visit(path, expect_status=404)
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".clocks li").count() == 2
    assert page.locator(".counters .counter").count() == 2
    assert page.locator(".notice-banner").is_visible()
    page.locator(".site-nav").get_by_role("link", name=consular).click()
    page.wait_for_url("**/consular/")
