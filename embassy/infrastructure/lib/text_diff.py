"""Two texts side by side, with what changed marked: no Django.

A version's rich text is HTML; staff compare what a reader sees, so `visible_text()` turns it
into plain text (a line per paragraph, heading or list item, tags gone, entities read), and
`side_by_side()` marks the words removed from the old text and added to the new one.
"""

from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from typing import Literal, NamedTuple

# Elements that start a new line of the visible text.
BLOCKS = {
    "address",
    "blockquote",
    "br",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "table",
    "tr",
    "ul",
}
HIDDEN = {"script", "style", "template"}
TAG = re.compile(r"<[a-zA-Z][^>]*>")
# Words, runs of spaces and line breaks: the units compared.
TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")

Kind = Literal["same", "removed", "added"]


class Segment(NamedTuple):
    kind: Kind
    text: str


class SideBySide(NamedTuple):
    old: list[Segment]
    new: list[Segment]

    @property
    def changed(self) -> bool:
        return any(segment.kind != "same" for segment in self.old + self.new)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(TAG.search(text))


def visible_text(html: str) -> str:
    """What a reader of the HTML sees: one line per block, spaces folded, no empty lines."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _merged(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def side_by_side(old: str, new: str) -> SideBySide:
    """The old text with the words it lost marked "removed", the new one with the words it
    gained marked "added"; the rest "same". Line breaks are kept in the segments' text."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    old_side: list[Segment] = []
    new_side: list[Segment] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        old_text, new_text = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if operation == "equal":
            old_side.append(Segment("same", old_text))
            new_side.append(Segment("same", new_text))
            continue
        if old_text:
            old_side.append(Segment("removed", old_text))
        if new_text:
            new_side.append(Segment("added", new_text))
    return SideBySide(_merged(old_side), _merged(new_side))


def lines_side_by_side(old: list[str], new: list[str]) -> SideBySide:
    """Lists compared line by line (a contact point's numbers or hours): each line whole."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    old_side: list[Segment] = []
    new_side: list[Segment] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        same = operation == "equal"
        old_side += [Segment("same" if same else "removed", line) for line in old[i1:i2]]
        new_side += [Segment("same" if same else "added", line) for line in new[j1:j2]]
    return SideBySide(old_side, new_side)
