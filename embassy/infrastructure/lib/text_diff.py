"""What changed between two versions of a text, line by line, with no Django in it: the admin
shows a translator what changed in the original since the translation was saved.

Rich text is compared as what a reader sees: one line per paragraph, heading or list item, tags
dropped, entities decoded, white space folded (a change of markup alone is no change).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

SPACE = re.compile(r"\s+")
# Elements that start a line of their own in what a reader sees.
BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li ol p pre section table td th tr ul".split()
)
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

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in BLOCKS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.end_line()

    def handle_data(self, data: str) -> None:
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
