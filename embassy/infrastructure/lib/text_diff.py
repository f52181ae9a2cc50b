"""What changed between two versions of a text, with no Django in it: line by line (`diff`:
what changed in the original since a translation was saved), or word by word, side by side
(`side_by_side`: two versions of an item compared).

Rich text is compared as what a reader sees: one line per paragraph, heading or list item, tags
dropped, entities decoded, white space folded (a change of markup alone is no change).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal, NamedTuple

SPACE = re.compile(r"\s+")
# Elements that start a line of their own in what a reader sees.
BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li ol p pre section table td th tr ul".split()
)
# Elements whose content no reader sees.
HIDDEN = frozenset({"script", "style", "template"})
# Unchanged lines shown around each change; longer unchanged runs are left out.
CONTEXT = 1

Kind = Literal["same", "removed", "added", "skipped"]


@dataclass(frozen=True)
class Line:
    """One line of a diff: unchanged, removed, added, or "skipped" (unchanged lines left out;
    `text` is then empty)."""

    kind: Kind
    text: str


class _VisibleLines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        elif tag in BLOCKS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCKS:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)

    def end_line(self) -> None:
        line = SPACE.sub(" ", "".join(self._current)).strip()
        if line:
            self.lines.append(line)
        self._current = []


def visible_lines(markup: str) -> list[str]:
    """The lines a reader sees of an HTML fragment."""
    parser = _VisibleLines()
    parser.feed(markup)
    parser.close()
    parser.end_line()
    return parser.lines


def plain_lines(text: str) -> list[str]:
    """The non-blank lines of plain text, white space folded."""
    return [line for raw in text.splitlines() if (line := SPACE.sub(" ", raw).strip())]


def lines_of(value: str, *, rich: bool) -> list[str]:
    return visible_lines(value) if rich else plain_lines(value)


def diff_lines(before: list[str], after: list[str], context: int = CONTEXT) -> list[Line]:
    """The lines of `after` compared with `before`: each change with `context` unchanged lines
    around it; a "skipped" line where unchanged lines are left out. Empty when nothing
    changed."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    result: list[Line] = []
    groups = list(matcher.get_grouped_opcodes(context))
    if not groups:
        return []
    for number, group in enumerate(groups):
        first_tag, first_start = group[0][0], group[0][1]
        if number > 0 or (first_tag == "equal" and first_start > 0):
            result.append(Line("skipped", ""))
        for tag, a_start, a_end, b_start, b_end in group:
            if tag == "equal":
                result.extend(Line("same", line) for line in before[a_start:a_end])
                continue
            result.extend(Line("removed", line) for line in before[a_start:a_end])
            result.extend(Line("added", line) for line in after[b_start:b_end])
    last_tag, _a_start, last_end = groups[-1][-1][:3]
    if last_tag == "equal" and last_end < len(before):
        result.append(Line("skipped", ""))
    return result


def diff(before: str, after: str, *, rich: bool = False) -> list[Line]:
    """What changed from `before` to `after` (HTML when `rich`), line by line."""
    return diff_lines(lines_of(before, rich=rich), lines_of(after, rich=rich))


# --- Word by word, side by side ---------------------------------------------------------------

TAG = re.compile(r"<[a-zA-Z][^>]*>")
# Words, runs of spaces and line breaks: the units compared.
TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")

SegmentKind = Literal["same", "removed", "added"]


class Segment(NamedTuple):
    kind: SegmentKind
    text: str


class SideBySide(NamedTuple):
    old: list[Segment]
    new: list[Segment]

    @property
    def changed(self) -> bool:
        return any(segment.kind != "same" for segment in self.old + self.new)


def looks_like_html(text: str) -> bool:
    return bool(TAG.search(text))


def visible_text(html: str) -> str:
    """What a reader of the HTML sees: one line per block, spaces folded, no empty lines."""
    return "\n".join(visible_lines(html))


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
