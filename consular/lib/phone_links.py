"""Phone numbers in a notice's plain text become tel: links, so that a visitor on a phone can
call the number an urgent notice gives with one tap.

The text is staff's plain text: everything in it is escaped; only the links are markup. A number
is one phonenumbers finds valid (a number without "+" is read as the host country's); its link
dials it in E.164, its words stay as staff wrote them.
"""

from __future__ import annotations

from html import escape

import phonenumbers


def linkify(text: str, region: str) -> str:
    """`text` as HTML: escaped, with each valid phone number in it a tel: link."""
    parts, done = [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        parts.append(escape(text[done : match.start]))
        parts.append(f'<a href="tel:{escape(e164)}">{escape(match.raw_string)}</a>')
        done = match.end
    parts.append(escape(text[done:]))
    return "".join(parts)
