"""Content without its Russian on the Russian pages: the header's rows and the consular page
fall back, field by field, to the default language's text, marked with lang="en" (WCAG 3.1.2);
an article or event lacking its Russian title or body is not shown, and its Russian address is
a page in Russian saying so, linking to the English one."""

import re
from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile

from consular.models import Level, Notice
from tests.factories import make_article, make_clock, make_contact_point, make_counter, make_event
from tests.helpers import frozen_at, main, text
from tests.news.image_files import png

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
frozen = frozen_at(NOW)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_header_without_russian_shows_the_english_marked_as_such(client):
    make_clock("London", translate=False)
    make_counter("the Salisbury incident", note="no answer yet", translate=False)
    make_contact_point("Consular queries", in_header=True, translate=False)
    page = html(client, "/ru/")
    assert '<span lang="en">London</span>: <time' in page
    assert 'с момента <span lang="en">the Salisbury incident</span>' in page
    assert ' - <span lang="en">no answer yet</span>' in page
    assert '<span class="header-contact__name"><span lang="en">Consular queries</span>:' in page
    # The English pages mark nothing.
    assert 'lang="en">' not in html(client, "/").replace('<html lang="en">', "")


def test_a_header_row_translated_in_part_marks_only_the_missing_field(client):
    make_counter("the Salisbury incident", note_ru="", note_en="no answer yet").save()
    page = html(client, "/ru/")
    assert "с момента the Salisbury incident" in page  # the Russian, the same words here
    assert '<span lang="en">no answer yet</span>' in page


def test_an_untranslated_contact_point_and_notice_on_the_russian_consular_page(client):
    make_contact_point(
        "Visas",
        address="1 Example Gardens",
        notes="By appointment only.",
        translate=False,
    )
    Notice.objects.create(
        level=Level.URGENT,
        starts_at=NOW,
        title_en="Closed today",
        text_en="Because of a power cut.",
    )
    page = html(client, "/ru/consular/")
    assert '<h3 id="visas-title" lang="en">Visas</h3>' in page or re.search(
        r'<h3 id="[^"]+" lang="en">Visas</h3>', page
    )
    assert '<address lang="en">1 Example Gardens</address>' in page
    assert '<div class="desk__notes" lang="en"><p>By appointment only.</p></div>' in page
    assert '<span lang="en">Closed today</span>' in page
    assert '<div lang="en"><p>Because of a power cut.</p></div>' in page
    # The urgent notice in the header's banner too.
    home = html(client, "/ru/")
    assert '<strong lang="en">Closed today</strong>' in home
    assert '<span lang="en">Because of a power cut.</span>' in home


def test_an_article_translated_but_for_its_lead_and_picture_shows_them_in_english(client):
    make_article(
        slug="talks",
        title_en="On the talks",
        title_ru="О переговорах",
        body_en="<p>The talks went well.</p>",
        body_ru="<p>Переговоры прошли хорошо.</p>",
        lead_en="A short summary.",
        image=ContentFile(png(64, 48), name="harbour.png"),
        image_alt_en="The harbour at dawn",
        image_caption_en="Photograph: the embassy",
        delivered_at_en="Yerevan",
        published_at=datetime(2022, 6, 11, 9, tzinfo=UTC),
    )
    page = main(client.get("/ru/news/2022/06/11/talks/"))
    assert "<h1>О переговорах</h1>" in page
    assert '<p class="lead" lang="en">A short summary.</p>' in page
    assert re.search(r'<img [^>]*alt="The harbour at dawn" lang="en"', page)
    assert '<figcaption lang="en">Photograph: the embassy</figcaption>' in page
    # The place in a Russian sentence: only the place is marked.
    assert re.search(r'<p class="item-delivered">[^<]*<span lang="en">Yerevan</span>', page)
    english = main(client.get("/news/2022/06/11/talks/"))
    assert 'lang="en"' not in english


def test_an_event_translated_but_for_its_teaser_and_place(client):
    make_event(
        slug="visit",
        title_en="A visit",
        title_ru="Визит",
        body_en="<p>The visit.</p>",
        body_ru="<p>Визит.</p>",
        teaser_en="A short visit.",
        teaser_ru="",
        place_en="Leeds",
    )
    page = main(client.get("/ru/news/events/visit/"))
    assert '<p class="lead" lang="en">A short visit.</p>' in page
    assert '<span lang="en">Leeds</span>' in page
    assert '<span lang="en">Leeds</span>' in main(client.get("/ru/news/events/"))


@pytest.mark.parametrize(
    ("factory", "english_path"),
    [
        (lambda: make_article(
            "Only in English", slug="only", translate=False,
            published_at=datetime(2022, 6, 11, 9, tzinfo=UTC),
        ), "/news/2022/06/11/only/"),
        (lambda: make_event("Only in English", slug="only", translate=False), "/news/events/only/"),
    ],
)  # fmt: skip
def test_the_russian_address_of_an_english_only_item_says_so_in_russian(
    client, factory, english_path
):
    factory()
    response = client.get(f"/ru{english_path}")
    assert (response.status_code, response["Content-Language"]) == (404, "ru")
    page = response.content.decode()
    assert "Этот материал не переведён" in text(response)
    assert f'<a href="{english_path}" hreflang="en">Английский</a>' in page
    assert '<span lang="en">Only in English</span>' in page
    assert '<meta name="robots" content="noindex">' in page
    # Its English page names no Russian alternate, and it is in no Russian list.
    english = client.get(english_path).content.decode()
    assert 'hreflang="ru"' not in re.sub(
        r'<nav class="language-switcher".*?</nav>', "", english, flags=re.S
    )
    assert 'href="http://testserver/ru/' not in english
    for russian_list in ["/ru/", "/ru/news/", "/ru/news/events/"]:
        assert "Only in English" not in text(client.get(russian_list))
