"""The allow-list for the rich text of articles and events, and the editor that matches it.

Everything that stores a body goes through `sanitize_html` first (the model's save() and its
field cleaning), so what reaches a visitor is only what is listed here, whoever wrote it: the
admin's editor, the shell, an import or a plain ORM save. The rules are nh3's (Rust ammonia,
an HTML5 parser): anything not listed is dropped, the text of a dropped tag is kept unless the
tag is one whose content is code (script, style, svg, ...).

No Django here: the module is tested on its own, without a database.
"""

import re
from urllib.parse import urlsplit

import nh3

# news/editor.py configures the admin's editor to offer exactly what is listed here.

# Headings start at h2: the page's own title is the h1.
HEADING_LEVELS: tuple[int, ...] = (2, 3, 4)

ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a"}
    | {f"h{level}" for level in HEADING_LEVELS}
)

# `rel` is not accepted from the input: it is set below, from the link's target.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "ol": {"start"},
}

# The question-and-answer layout of interview transcripts: a paragraph is marked as a question
# or an answer (the editor's "Block style" menu, news/editor.py), and site.css sets them apart.
QA_CLASSES: frozenset[str] = frozenset({"question", "answer"})
ALLOWED_CLASSES: dict[str, set[str]] = {"p": set(QA_CLASSES)}

# Relative links (/news/...) are kept too; every other scheme, javascript: and data: among
# them, loses its href.
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

# Dropped together with everything inside them, not just unwrapped.
CLEAN_CONTENT_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "textarea",
        "select",
        "title",
        "xmp",
        "noembed",
        "noframes",
    }
)

EXTERNAL_REL = "noopener noreferrer"

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    link_rel=None,
)

# nh3 serialises every attribute as name="value" with any " inside escaped, and escapes < in
# text, so an opening <a> tag of its output is matched exactly by this pattern.
_LINK_TAG = re.compile(r'<a((?: [^\s"\'>/=]+="[^"]*")*)>')
_HREF = re.compile(r' href="([^"]*)"')
_EMPTY = re.compile(r"(?:<p>(?:\s|<br>|&nbsp;)*</p>|\s)*")


def is_external(href: str) -> bool:
    """True for a link that leaves the site: one with a host of its own (https://..., //...)."""
    return bool(urlsplit(href.strip()).netloc)


def _add_rel(match: re.Match[str]) -> str:
    attributes = match.group(1)
    href = _HREF.search(attributes)
    if href and is_external(href.group(1)):
        attributes += f' rel="{EXTERNAL_REL}"'
    return f"<a{attributes}>"


def sanitize_html(html: str | None) -> str:
    """The stored form of a body: allowed tags only, external links with rel="noopener
    noreferrer", and "" for a body with no text at all (an empty editor sends <p></p>)."""
    if not html:
        return ""
    cleaned = _LINK_TAG.sub(_add_rel, _cleaner.clean(html)).strip()
    return "" if _EMPTY.fullmatch(cleaned) else cleaned
