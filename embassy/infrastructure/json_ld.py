"""JSON-LD data blocks: the schema.org data of a page, in <script type="application/ld+json">.

One helper for every page that has such a block. Django's own json_script() does not fit as it
is: it writes type="application/json", which search engines do not read as JSON-LD, and it
escapes every non-ASCII character (a Russian headline would grow six-fold). Its escaping is what
matters, and it is copied here: Django keeps its table private (django.utils.html).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# As django.utils.html.json_script: with <, > and & written as JSON escapes, no value can end
# the element ("</script>") or open a comment in it ("<!--"), and the JSON still reads the same.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """The data as a JSON-LD block, dates and times written by DjangoJSONEncoder.

    A data block, not a script: browsers do not run it, so the strict Content-Security-Policy of
    the public pages allows it without a hash or a nonce.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )
