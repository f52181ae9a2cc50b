"""The search's text handling (plain Python, no database): query cleaning and safe highlighting."""

import pytest

from news.lib.search_text import (
    MAX_QUERY_LENGTH,
    clean_query,
    excerpt,
    highlight,
    html_to_text,
    marked_to_html,
    query_words,
    split_query,
)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  CSTO   ministers ", "CSTO ministers"),
        ("a\x00b", "ab"),
        ("tab\there\nnew line", "tab here new line"),
        ("bell\x07 and escape\x1b[31m", "bell and escape[31m"),
        ("emoji 🇷🇺 stays", "emoji 🇷🇺 stays"),
        ("\x00\x01\x02", ""),
        ("", ""),
    ],
)
def test_clean_query_removes_control_characters_and_folds_space(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_clean_query_caps_the_length():
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH
    assert clean_query("word " * 100).endswith("word")


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ('"Foreign Minister" -NATO', ["Foreign", "Minister", "NATO"]),
        ("-", []),
        ("'; DROP TABLE news_article; --", ["DROP", "TABLE", "news_article"]),
        ("security Security SECURITY", ["security"]),
        ("Ереван встреча", ["Ереван", "встреча"]),
        (" ".join(f"w{n}" for n in range(20)), [f"w{n}" for n in range(8)]),
    ],
)
def test_query_words(query, words):
    assert query_words(query) == words


def test_highlight_marks_every_match_case_insensitively_and_escapes_the_rest():
    html = highlight("Security <b>& security</b>", ["security"])
    assert html == "<mark>Security</mark> &lt;b&gt;&amp; <mark>security</mark>&lt;/b&gt;"


def test_highlight_cannot_be_tricked_into_markup_by_the_words():
    html = highlight("<script>alert(1)</script>", ["script", "<script>"])
    assert "<script" not in html
    assert html.count("<mark>") == 2


def test_highlight_prefers_the_longest_word_at_a_position():
    assert highlight("Ministers", ["Minister", "Ministers"]) == "<mark>Ministers</mark>"


def test_excerpt_centres_on_the_first_match_and_cuts_on_word_boundaries():
    text = " ".join(["filler"] * 100) + " the Yerevan meeting " + " ".join(["more"] * 100)
    snippet = excerpt(text, ["yerevan"], length=120)
    assert "Yerevan" in snippet
    assert snippet.startswith("… filler") and snippet.endswith("more …")
    assert len(snippet) <= 124
    assert "fille " not in snippet


def test_excerpt_of_short_text_is_the_text():
    assert excerpt("Short text.", ["zzz"]) == "Short text."


def test_excerpt_without_a_match_starts_at_the_beginning():
    text = "word " * 100
    assert excerpt(text, ["absent"], length=50).startswith("word word")


def test_html_to_text():
    assert html_to_text("<p>One &amp; two</p><p>three</p>") == "One & two three"


def test_marked_to_html_escapes_each_piece():
    marked = "a <b> [[Ministers]] met & [[agreed]] end"
    assert marked_to_html(marked, "[[", "]]") == (
        "a &lt;b&gt; <mark>Ministers</mark> met &amp; <mark>agreed</mark> end"
    )


def test_marked_to_html_never_decodes_entities_into_markup():
    marked = "&lt;script&gt;alert(1)&lt;/script&gt; [[x]]"
    html = marked_to_html(marked, "[[", "]]", decode_entities=True)
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>"
    assert marked_to_html("AT&amp;T", "[[", "]]") == "AT&amp;amp;T"
    assert marked_to_html("AT&amp;T", "[[", "]]", decode_entities=True) == "AT&amp;T"


@pytest.mark.parametrize(
    ("query", "required", "excluded"),
    [
        ("security -NATO", ["security"], ["NATO"]),
        ('"indivisible security" -"cold war"', ["indivisible", "security"], ["cold", "war"]),
        ('"unterminated phrase', ["unterminated", "phrase"], []),
        ("-", [], []),
        ("- security", ["security"], []),
        ("well-known", ["well", "known"], []),
        ("-only -excluded", [], ["only", "excluded"]),
    ],
)
def test_split_query_into_required_and_excluded_words(query, required, excluded):
    assert split_query(query) == (required, excluded)
