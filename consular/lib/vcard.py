"""vCard 3.0 (RFC 2426) contact cards for the consular desks, written by hand: the format is a
few escaped lines, and a library would be one more dependency for the site to carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

CRLF = "\r\n"
# RFC 2426 folds lines longer than 75 octets; continuation lines begin with one space.
LINE_OCTETS = 75


@dataclass(frozen=True)
class Card:
    name: str
    organisation: str
    phones: Sequence[str] = field(default_factory=tuple)  # E.164: "+442079460321"
    email: str = ""
    address: str = ""
    note: str = ""
    url: str = ""


def escape(value: str) -> str:
    """Escape a text value: backslash, comma, semicolon and line breaks (RFC 2426 §4)."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets without splitting a character."""
    chunks = []
    current = ""
    limit = LINE_OCTETS
    for character in line:
        if len((current + character).encode()) > limit:
            chunks.append(current)
            current = ""
            limit = LINE_OCTETS - 1  # the leading space of a continuation line counts
        current += character
    chunks.append(current)
    return (CRLF + " ").join(chunks)


def render(card: Card) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(card.name)}",
        # N is required in 3.0; a desk has no family or given name, so its name goes first.
        f"N:{escape(card.name)};;;;",
        f"ORG:{escape(card.organisation)};{escape(card.name)}",
    ]
    for phone in card.phones:
        lines.append(f"TEL;TYPE=WORK,VOICE:{phone}")
    if card.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(card.email)}")
    if card.address:
        # The address is stored as written, so it all goes in the street part: splitting it
        # into town and postcode by guesswork could garble it.
        lines.append(f"ADR;TYPE=WORK:;;{escape(card.address)};;;;")
        lines.append(f"LABEL;TYPE=WORK:{escape(card.address)}")
    if card.url:
        lines.append(f"URL:{card.url}")
    if card.note:
        lines.append(f"NOTE:{escape(card.note)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)
