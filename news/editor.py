"""The admin's rich-text editor (django-prose-editor, ProseMirror): what it offers matches the
allow-list of news.sanitize, which cleans whatever it sends (and whatever else writes a body)."""

from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from news.sanitize import HEADING_LEVELS, URL_SCHEMES, sanitize_html

EDITOR_EXTENSIONS: dict[str, object] = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": list(HEADING_LEVELS)},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # No "open in a new window": external links get rel="noopener noreferrer" anyway.
    # Without autolink the link mark is not "inclusive": a full stop typed right after a link
    # stays outside it instead of becoming part of the link.
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES), "autolink": False},
    # Interview transcripts: "Block style" marks a paragraph as a question or an answer.
    "NodeClass": {
        "cssClasses": {
            "paragraph": {
                "title": _("Interview"),
                "cssClasses": [
                    {"className": "question", "title": _("Question")},
                    {"className": "answer", "title": _("Answer")},
                ],
            }
        }
    },
}


class RichTextField(ProseEditorField):
    """HTML edited in the admin's editor and sanitized with the allow-list of news.sanitize,
    both when a form is cleaned and by the model's full_clean(). Stored as a plain TextField."""

    is_rich_text = True  # compared as visible text (embassy.infrastructure.translation_state)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(sanitize=sanitize_html, **kwargs)
