"""The Russian pages in a real browser with a Russian locale, each audited by axe (WCAG 2.2
A/AA), with the demo content, an English-only article (its /ru/ address is the not-translated
page) and an article whose lead and picture text are only in English (marked lang="en")."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from news.models import Article, Event
from tests.factories import make_article
from tests.news.image_files import jpeg_upload

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    call_command("load_demo", "--no-accounts")
    yesterday = timezone.now() - timedelta(days=1)
    make_article("Only in English", slug="english-only", translate=False, published_at=yesterday)
    make_article(
        slug="with-a-picture",
        title_en="Talks in Yerevan",
        title_ru="Переговоры в Ереване",
        body_en="<p>The ministers met.</p>",
        body_ru="<p>Министры встретились.</p>",
        lead_en="An English lead.",
        image=jpeg_upload(size=(1200, 800)),
        image_alt_en="Foreign ministers around a table",
        image_caption_en="Yerevan, the day of the meeting",
        published_at=yesterday,
    )
    with translation.override("ru"):
        return {
            "article": Article.objects.get(slug="csto-foreign-ministers-yerevan"),
            "partly translated": Article.objects.get(slug="with-a-picture"),
            "english only": Article.objects.get(slug="english-only"),
            "event": Event.objects.order_by("-starts_on")[0],
        }


@pytest.mark.parametrize("browser_locale", ["ru-RU"])
def test_the_russian_pages_pass_axe(visit, site, browser_locale):
    with translation.override("ru"):
        addresses = {
            "/ru/": 200,
            "/ru/news/": 200,
            "/ru/news/?kind=speech&year=2022": 200,
            site["article"].get_absolute_url(): 200,
            site["partly translated"].get_absolute_url(): 200,
            site["event"].get_absolute_url(): 200,
            "/ru/news/events/": 200,
            "/ru/news/search/": 200,
            "/ru/news/search/?q=2022": 200,
            "/ru/consular/": 200,
            site["english only"].get_absolute_url(): 404,  # not translated
            "/ru/no-such-page/": 404,
        }
    for path, status in addresses.items():
        page = visit(path, expect_status=status)
        assert page.locator("html").get_attribute("lang") == "ru", path


@pytest.mark.parametrize("browser_locale", ["ru-RU"])
def test_a_russian_browser_is_sent_to_the_russian_home_page(visit, site, browser_locale):
    page = visit("/")
    assert page.url.endswith("/ru/")
    assert "Москва" in page.locator(".clocks").inner_text()
