"""The demo's standing pages as data (embassy/operations/demo_pages.py): complete in both
languages, clean as the sanitizer stores them, a valid tree, and the accessibility statement
and privacy notice there once each, dated."""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.html import strip_tags

from embassy.operations.demo_pages import PAGES, PREPARED, DemoPage
from news.models import Kind
from news.sanitize import sanitize_html

LANGUAGES = ("en", "ru")
BODY_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "a", "strong", "em"}


def tree(pages=PAGES, parent_path=""):
    """(path, page) for every page, top down: ("embassy/ambassador", <DemoPage>)."""
    for page in pages:
        path = f"{parent_path}/{page.slug}".lstrip("/")
        yield path, page
        yield from tree(page.children, path)


ALL = dict(tree())


def with_purpose(purpose: str) -> list[DemoPage]:
    return [page for page in ALL.values() if page.purpose == purpose]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def words(html: str) -> str:
    """The text a reader sees, its spaces and line breaks as single spaces."""
    return " ".join(strip_tags(html).split())


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_the_tree_has_the_pages_the_demo_promises():
    assert set(ALL) == {
        "embassy",
        "embassy/ambassador",
        "embassy/history-of-the-building",
        "consular-services",
        "consular-services/visas",
        "consular-services/passports",
        "consular-services/certificates-and-legalisation",
        "accessibility",
        "privacy",
    }
    assert [page.slug for page in PAGES if page.show_in_menu] == ["embassy"]


@pytest.mark.parametrize("path", list(ALL))
def test_every_page_has_its_title_lead_and_body_in_both_languages(path):
    page = ALL[path]
    for field in ("title", "lead", "body"):
        texts = getattr(page, field)
        assert set(texts) == set(LANGUAGES), (path, field)
        assert all(text.strip() for text in texts.values()), (path, field)
        assert texts["en"] != texts["ru"], (path, field)
    # The Russian is Russian: mostly Cyrillic letters.
    letters = re.findall(r"[^\W\d_]", strip_tags(page.body["ru"]))
    cyrillic = [letter for letter in letters if "а" <= letter.lower() <= "я" or letter in "ёЁ"]
    assert len(cyrillic) > 0.9 * len(letters), path


@pytest.mark.parametrize("path", list(ALL))
def test_every_lead_is_one_or_two_plain_sentences(path):
    for lead in ALL[path].lead.values():
        assert "<" not in lead and "\n" not in lead
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", lead)) <= 2, lead


@pytest.mark.parametrize("path", list(ALL))
def test_every_body_is_a_real_page_that_the_sanitizer_keeps_as_it_is(path):
    for code, body in ALL[path].body.items():
        assert sanitize_html(body) == body, (path, code)
        assert {tag for tag, _attrs in tags_of(body)} <= BODY_TAGS, (path, code)
        assert body.count("<h2>") >= 2, (path, code)
        assert body.count("<p>") >= 3, (path, code)
        assert len(strip_tags(body)) > 900, (path, code)


@pytest.mark.parametrize("path", list(ALL))
def test_links_go_to_this_sites_pages_in_the_bodys_own_language(path):
    known = {"", "news", "news/events", "consular", *ALL}
    for code, body in ALL[path].body.items():
        for tag, attrs in tags_of(body):
            href = attrs.get("href", "") if tag == "a" else ""
            if not href.startswith("/"):
                continue
            assert href.startswith("/ru/") == (code == "ru"), (path, code, href)
            address = href.split("?")[0].removeprefix("/ru").strip("/")
            assert address in known, (path, code, href)


def test_slugs_are_valid_and_unique_among_siblings():
    def check(pages):
        slugs = [page.slug for page in pages]
        assert len(slugs) == len(set(slugs)), slugs
        for page in pages:
            validate_slug(page.slug)
            assert page.slug == page.slug.lower()
            check(page.children)

    check(PAGES)
    with pytest.raises(ValidationError):  # the check itself would catch a bad one
        validate_slug("visas and passports")


def test_areas_purposes_and_lists_are_ones_the_pages_know():
    for path, page in ALL.items():
        assert page.area in {"press", "consular"}, path
        assert page.purpose in {"", "accessibility", "privacy"}, path
        assert page.lists in {"", "consular-notices", *Kind.values}, path
    assert ALL["consular-services"].lists == "consular-notices"


def test_the_consular_pages_are_the_consular_sections_and_the_rest_the_press_offices():
    for path, page in ALL.items():
        expected = "consular" if path.startswith("consular-services") else "press"
        assert page.area == expected, path


def test_there_is_exactly_one_accessibility_statement_and_one_privacy_notice():
    assert [page.slug for page in with_purpose("accessibility")] == ["accessibility"]
    assert [page.slug for page in with_purpose("privacy")] == ["privacy"]
    assert all(
        not page.children for page in with_purpose("accessibility") + with_purpose("privacy")
    )


def test_the_accessibility_statement_names_its_standard_and_is_dated():
    [statement] = with_purpose("accessibility")
    for code in LANGUAGES:
        text = words(statement.body[code])
        assert "WCAG 2.2" in text and "AA" in text
        assert re.search(r"\b\d{1,2} \w+ 20\d\d\b", text), code
        assert PREPARED[code] in text
        assert "consular@example.org" in text and "020 7946 0321" in text
    english = words(statement.body["en"])
    for required in (
        "Compliance status",
        "What is not accessible",
        "How we tested",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support Service",
        "calendar and clock pop-ups",
        "axe-core",
        "keyboard",
    ):
        assert required in english, required


def test_the_privacy_notice_is_dated_and_says_whom_to_ask():
    [notice] = with_purpose("privacy")
    for code in LANGUAGES:
        text = words(notice.body[code])
        assert PREPARED[code] in text
        assert "consular@example.org" in text
    english = words(notice.body["en"])
    assert "no analytics" in english and "no tracking" in english
