"""No English interface word on a Russian page: every public page, read in Russian with the demo
content loaded (which has its Russian), has no Latin-script word in its visible text, apart from
what is marked as another language (lang="en": content not yet translated), the site's name,
and what is not a word (addresses, email, format names).

The error pages (no database, no context) are read the same way."""

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from consular.models import Level, Notice
from news.models import Article, Event, Status
from tests.factories import make_article, make_event

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)

# Elements whose content is not read on the page.
UNREAD = {"script", "style", "template", "head"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Attributes read out to visitors (by screen readers, or on hover).
READ_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")


class RussianText(HTMLParser):
    """The text a visitor reads in the page's language: the <title>, the body's text and its
    readable attributes, without elements (and their descendants) marked with another lang."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, read)
        self.parts: list[str] = []

    @property
    def reading(self) -> bool:
        return all(read for _tag, read in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        read = tag not in UNREAD and (lang is None or lang == self.language)
        if tag == "title":
            read = True  # in the head, but shown in the browser's tab and read first
        if tag == "link":
            return
        if self.reading and read:
            self.parts.extend(
                attributes[name] or "" for name in READ_ATTRIBUTES if name in attributes
            )
        if tag not in VOID:
            self.stack.append((tag, read))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close up to the matching open element (HTML allows some end tags to be left out).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        title_open = self.stack and self.stack[-1][0] == "title"
        if title_open or self.reading:
            self.parts.append(data)


def russian_text(html: str) -> str:
    parser = RussianText("ru")
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


NOT_WORDS = [
    r"\bhttps?://\S+",  # addresses
    r"(?<!\S)/\S*",  # the site's own addresses (a page's, among the search results)
    # Names Russian writes in Latin letters: the standard, its levels and the software (the
    # accessibility statement), IP addresses, cookies and their names (the privacy notice).
    r"\b(WCAG|AA?|axe-core|Django|IP|cookie|django_language|sessionid|csrftoken)\b",
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+",  # email
    r"\b(RSS|Atom|iCal|iCalendar)\b",  # format names
    r"\.(vcf|ics)\b",  # file types
    r"\S*\d\S*",  # postcodes, numbers, dates
]


def english_words(page: str) -> list[str]:
    page = page.replace(settings.SITE_NAME, " ")  # one name, written in the default language
    for pattern in NOT_WORDS:
        page = re.sub(pattern, " ", page)
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", page)


@pytest.fixture
def site():
    """The demo content, in both languages; an article and an event only in English; enough
    articles for a second page of the archive; an urgent notice in both languages."""
    with time_machine.travel(NOW, tick=False) as traveller:
        call_command("load_demo", "--no-accounts")
        make_article("Only in English", slug="english-only", translate=False, published_at=NOW)
        make_event("An English-only event", slug="english-only-event", translate=False)
        for n in range(20):
            make_article(
                title_en=f"Statement {n}",
                title_ru=f"Заявление № {n}",
                body_en="<p>Text.</p>",
                body_ru="<p>Текст.</p>",
                published_at=datetime(2021, 1, 1 + n, tzinfo=UTC),
            )
        Notice.objects.create(
            level=Level.URGENT,
            starts_at=NOW,
            title_en="The consular section is closed today",
            title_ru="Консульский отдел сегодня закрыт",
            text_en="Because of a power cut.",
            text_ru="Из-за отключения электричества.",
        )
        yield traveller


def addresses() -> list[str]:
    article = Article.objects.get(slug="csto-foreign-ministers-yerevan")
    english_only = Article.objects.get(slug="english-only")
    event = Event.objects.filter(status=Status.PUBLISHED).exclude(slug__startswith="english")[0]
    with translation.override("ru"):
        return [
            "/ru/",
            "/ru/news/",
            "/ru/news/?kind=speech&year=2022",
            "/ru/news/?kind=event",
            "/ru/news/?page=2",
            "/ru/news/?year=1066",  # not a year offered: the form's error, a 404
            article.get_absolute_url(),
            "/ru/news/events/",
            event.get_absolute_url(),
            "/ru/news/search/",
            "/ru/news/search/?q=2022",  # found in every language
            "/ru/news/search/?q=ничего",
            "/ru/consular/",
            english_only.get_absolute_url(),  # not translated: a 404 saying so
            "/ru/news/events/english-only-event/",
            "/ru/no-such-page/",
            "/ru/embassy/",  # the demo's pages: with the latest press releases
            "/ru/embassy/ambassador/",  # breadcrumbs and the section's pages
            "/ru/consular-services/",  # with the current notices
            "/ru/consular-services/visas/",
            "/ru/accessibility/",
            "/ru/privacy/",
            "/ru/site-map/",
        ]


def test_the_english_words_are_found(site):
    """The test's own check: English interface words would be found, content in another
    language marked with lang="en" is not."""
    page = russian_text(
        '<html lang="ru"><head><title>Все | Embassy in London</title></head><body>'
        '<p>Прошло <span lang="en">the Salisbury incident</span></p><p>Latest events</p>'
        '<a href="mailto:a@example.org" aria-label="Open menu">a@example.org</a> RSS'
        "</body></html>"
    )
    assert english_words(page) == ["Latest", "events", "Open", "menu"]


ADDRESSES = 23


def test_every_address_is_read(site):
    assert len(addresses()) == ADDRESSES


@pytest.mark.parametrize("index", range(ADDRESSES))
def test_no_english_interface_word_on_a_russian_page(client, site, index):
    path = addresses()[index]
    response = client.get(path)
    assert response.status_code in (200, 404), path
    assert response["Content-Language"] == "ru"
    html = response.content.decode()
    page = russian_text(html)
    assert len(page) > 100
    assert english_words(page) == [], f"{path}: {page}"


@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("413.html", {"limit_megabytes": 13}),
        ("429.html", {}),
        ("500.html", {}),
        ("503.html", {"retry_after": 30}),
    ],
)
def test_no_english_word_on_the_error_pages_in_russian(template, context):
    """The pages rendered without a request or the database (the 404 has the whole frame and
    is among the addresses above)."""
    with translation.override("ru"):
        page = russian_text(render_to_string(template, context))
    assert english_words(page) == [], page
