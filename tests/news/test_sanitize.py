"""The allow-list of stored rich text against hostile and ordinary input (no database), then
every way a body reaches the database.

Each hostile input is checked twice: by a parser-based audit of the output (only allowed tags
and attributes, only allowed link schemes, nothing executable) and by the text it must keep or
lose. Add every new trick found in the wild to HOSTILE.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django_prose_editor.config import allowlist_from_extensions

from news.editor import EDITOR_EXTENSIONS
from news.models import Article, Event
from news.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EXTERNAL_REL,
    QA_CLASSES,
    URL_SCHEMES,
    is_external,
    sanitize_html,
)
from tests.factories import make_article, make_event


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            if tag == "p" and name == "class":
                if not set(value.split()) <= QA_CLASSES:
                    self.problems.append(f"class {value!r}")
            elif name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href":
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    self.problems.append(f"href {value!r}")
            if name == "rel" and value != EXTERNAL_REL:
                self.problems.append(f"rel {value!r}")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


# (input, a piece of text that must be gone from the output, visible text that must remain)
HOSTILE = [
    ("<script>alert(1)</script><p>ok</p>", "alert", "ok"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>ok</p>", "evil", "ok"),
    ("<ScRiPt>alert(1)</sCrIpT><p>ok</p>", "alert", "ok"),
    ("<scr<script>ipt>alert(1)</script><p>ok</p>", "<script", "ok"),
    ('<p onclick="alert(1)">ok</p>', "onclick", "ok"),
    ("<p ONMOUSEOVER=alert(1)>ok</p>", "alert", "ok"),
    ("<img src=x onerror=alert(1)><p>ok</p>", "onerror", "ok"),
    ('<p style="width: expression(alert(1))">ok</p>', "expression", "ok"),
    ('<p style="background:url(javascript:alert(1))">ok</p>', "javascript", "ok"),
    ("<style>p { color: red }</style><p>ok</p>", "color", "ok"),
    ('<iframe src="https://evil.example/"></iframe><p>ok</p>', "evil", "ok"),
    ('<object data="evil.swf"><embed src="evil.swf"></object><p>ok</p>', "evil", "ok"),
    ('<a href="javascript:alert(1)">ok</a>', "javascript", "ok"),
    ('<a href="JaVaScRiPt:alert(1)">ok</a>', "alert", "ok"),
    ('<a href=" javascript:alert(1)">ok</a>', "alert", "ok"),
    ('<a href="java\tscript:alert(1)">ok</a>', "alert", "ok"),
    ('<a href="&#106;&#97;&#118;&#97;script:alert(1)">ok</a>', "alert", "ok"),
    ('<a href="&#x6A;avascript&colon;alert(1)">ok</a>', "alert", "ok"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">ok</a>', "data:", "ok"),
    ('<a href="vbscript:msgbox(1)">ok</a>', "vbscript", "ok"),
    ("<svg onload=alert(1)><circle r=9></circle></svg><p>ok</p>", "alert", "ok"),
    (
        "<svg><script>alert(1)</script><a xlink:href=javascript:alert(2)>x</a></svg>ok",
        "alert",
        "ok",
    ),
    ("<math><mtext><script>alert(1)</script></mtext></math><p>ok</p>", "alert", "ok"),
    ("<p>ok<!-- <script>alert(1)</script> --></p>", "alert", "ok"),
    ("<!--[if IE]><script>alert(1)</script><![endif]--><p>ok</p>", "alert", "ok"),
    ("<p>ok<script>alert(1)", "alert", "ok"),
    ("<p><b>ok<i>unclosed", "<b", "ok"),
    ("<div><section><p>ok</p></section></div>", "<div", "ok"),
    ("<form action=/steal><input name=password><button>ok</button></form>", "<form", "ok"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>ok</p>', "evil", "ok"),
    ('<base href="https://evil.example/"><p>ok</p>', "evil", "ok"),
    ('<link rel="stylesheet" href="https://evil.example/x.css"><p>ok</p>', "evil", "ok"),
    ("<template><script>alert(1)</script></template><p>ok</p>", "alert", "ok"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">ok</p></noscript>', "alert", ""),
    ('<p class="question" id="x" data-x="1" hidden>ok</p>', "data-x", "ok"),
    ('<p class="question evil">ok</p>', "evil", "ok"),
    ('<a href="https://example.org/" target="_blank" rel="opener">ok</a>', "_blank", "ok"),
    ('<img src="https://tracker.example/pixel.gif"><p>ok</p>', "tracker", "ok"),
    ('<h1 style="x">ok</h1><h5>ok</h5>', "<h1", "ok"),
    ("<p>&lt;script&gt;alert(1)&lt;/script&gt; ok</p>", "<script", "ok"),
]


@pytest.mark.parametrize(("html", "gone", "kept"), HOSTILE)
def test_hostile_input_is_defused(html, gone, kept):
    cleaned = sanitize_html(html)
    result = audit(cleaned)
    assert result.problems == [], cleaned
    assert gone.lower() not in cleaned.lower()
    assert kept in "".join(result.text)


@pytest.mark.parametrize(("html", "gone", "kept"), HOSTILE)
def test_sanitizing_twice_changes_nothing(html, gone, kept):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


def test_there_are_enough_hostile_cases():
    assert len(HOSTILE) >= 25


def test_editor_markup_is_kept_as_written():
    html = (
        "<h2>Talks in Yerevan</h2><p>The <strong>ministers</strong> met <em>twice</em>.<br>"
        'Then again.</p><ul><li>one</li></ul><ol start="2"><li>two</li></ol>'
        "<blockquote><p>Dialogue remains open.</p></blockquote>"
        '<p class="question">What was agreed?</p><p class="answer">Two documents.</p>'
        '<p><a href="/news/">All messages</a> <a href="mailto:press@example.org">mail</a></p>'
    )
    assert sanitize_html(html) == html


def test_external_links_get_noopener_noreferrer():
    cleaned = sanitize_html('<a href="https://mid.ru/en/" rel="nofollow">source</a>')
    assert cleaned == '<a href="https://mid.ru/en/" rel="noopener noreferrer">source</a>'


def test_internal_links_get_no_rel():
    assert sanitize_html('<a href="/news/" rel="nofollow">news</a>') == '<a href="/news/">news</a>'


@pytest.mark.parametrize(
    ("href", "external"),
    [
        ("https://mid.ru/", True),
        ("http://example.org/x", True),
        ("//example.org/x", True),
        ("/news/2022/", False),
        ("#top", False),
        ("mailto:press@example.org", False),
    ],
)
def test_is_external(href, external):
    assert is_external(href) is external


@pytest.mark.parametrize(
    "empty", [None, "", "<p></p>", "<p><br></p>\n<p> </p>", "<script>x</script>"]
)
def test_a_body_without_text_is_stored_empty(empty):
    assert sanitize_html(empty) == ""


# Every way a body reaches the database


HOSTILE_BODY = (
    '<p onclick="x()">Text<script>alert(1)</script> <a href="javascript:x()">link</a></p>'
)
CLEAN_BODY = "<p>Text <a>link</a></p>"


@pytest.mark.django_db
def test_a_plain_orm_save_stores_the_sanitized_body():

    article = make_article(body=HOSTILE_BODY)
    assert article.body == CLEAN_BODY
    assert Article.objects.get(pk=article.pk).body == CLEAN_BODY


@pytest.mark.django_db
def test_events_are_sanitized_too():

    assert make_event(body=HOSTILE_BODY).body == CLEAN_BODY


@pytest.mark.django_db
def test_full_clean_shows_the_sanitized_body():

    article = Article(title="T", slug="t", body=HOSTILE_BODY)
    article.full_clean()
    assert article.body == CLEAN_BODY


@pytest.mark.django_db
def test_bulk_writes_are_sanitized():

    Article.objects.bulk_create([Article(title="A", slug="a", body=HOSTILE_BODY)])
    assert Article.objects.get().body == CLEAN_BODY
    Article.objects.update(body=HOSTILE_BODY)
    assert Article.objects.get().body == CLEAN_BODY
    event = make_event()
    event.body = HOSTILE_BODY
    Event.objects.bulk_update([event], ["body"])
    assert Event.objects.get().body == CLEAN_BODY


def test_the_editor_offers_exactly_what_the_allow_list_keeps():

    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert editor["tags"] == ALLOWED_TAGS


@pytest.mark.django_db(transaction=True)
def test_the_migration_cleans_bodies_stored_before_the_allow_list():
    article = make_article()
    # Written as an old installation would have stored it, past every sanitizing method.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE news_article SET body = %s, body_en = %s WHERE id = %s",
            [HOSTILE_BODY, HOSTILE_BODY, article.pk],
        )
    call_command("migrate", "news", "0003", verbosity=0)
    call_command("migrate", "news", verbosity=0)
    assert Article.objects.get(pk=article.pk).body == CLEAN_BODY
