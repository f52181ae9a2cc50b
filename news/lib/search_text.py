"""What the search does to text, with no Django in it: cleaning a visitor's query, splitting it
into words for the simple fallback, and highlighting matches in text that is escaped first, so
a result can never carry markup from what it quotes.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Long enough for any real query; a 10,000-character one is cut here, before the database.
MAX_QUERY_LENGTH = 200
# The fallback search adds one condition per word; more words than this are ignored.
MAX_WORDS = 8
EXCERPT_LENGTH = 240
WORD = re.compile(r"\w+")
# A "quoted phrase" or a run of non-space characters, either with a leading minus.
CHUNK = re.compile(r'(?P<phrase_minus>-?)"(?P<phrase>[^"]*)"?|(?P<minus>-?)(?P<word>\S+)')
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def clean_query(raw: str, max_length: int = MAX_QUERY_LENGTH) -> str:
    """The query as it is searched: control characters (NUL included) removed, white space
    folded, cut to max_length characters."""
    printable = "".join(
        " " if char.isspace() else char
        for char in raw
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cs")
    )
    return SPACE.sub(" ", printable).strip()[:max_length].strip()


def query_words(query: str, max_words: int = MAX_WORDS) -> list[str]:
    """The distinct words of a query, in order: punctuation, quotes and operators dropped."""
    words: list[str] = []
    for word in WORD.findall(query):
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:max_words]


def split_query(query: str, max_words: int = MAX_WORDS) -> tuple[list[str], list[str]]:
    """The words a result must contain and those it must not (written with a leading -, as
    in a web search engine), for the simple fallback search."""
    required: list[str] = []
    excluded: list[str] = []
    for match in CHUNK.finditer(query):
        if match["phrase"] is not None:
            minus, text = match["phrase_minus"], match["phrase"]
        else:
            minus, text = match["minus"], match["word"]
        (excluded if minus else required).extend(WORD.findall(text))
    return query_words(" ".join(required), max_words), query_words(" ".join(excluded), max_words)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, white space folded."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip()


def _match_pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = sorted({re.escape(word) for word in words}, key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, words: list[str]) -> str:
    """HTML of plain text with every occurrence of a word wrapped in <mark>; all else escaped."""
    pattern = _match_pattern(words)
    if pattern is None:
        return html.escape(text)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def excerpt(text: str, words: list[str], length: int = EXCERPT_LENGTH) -> str:
    """About `length` characters of plain text around the first match (or from the start)."""
    if len(text) <= length:
        return text
    pattern = _match_pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0 if match is None else max(0, match.start() - length // 3)
    if match is not None and start:
        # Start and end on word boundaries so no word is cut in half.
        space = text.find(" ", start, match.start())
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    snippet = text[start:end].strip()
    return ("… " if start else "") + snippet + (" …" if end < len(text) else "")


def marked_to_html(
    marked: str, start_sel: str, stop_sel: str, decode_entities: bool = False
) -> str:
    """HTML of a database headline whose matches sit between start_sel and stop_sel.

    The text is split on the markers first and each piece escaped on its own, so nothing in the
    quoted text (not even a marker spelled with entities) can become markup. decode_entities is
    for text taken from HTML, whose entities would otherwise show escaped twice.
    """

    def plain(piece: str) -> str:
        return html.escape(html.unescape(piece) if decode_entities else piece)

    head, *rest = marked.split(start_sel)
    parts = [plain(head)]
    for piece in rest:
        inside, _, after = piece.partition(stop_sel)
        parts.append(f"<mark>{plain(inside)}</mark>{plain(after)}")
    return "".join(parts)
