"""`{% lang_attr %}`: the `lang` attribute of an element whose text is in another language than
the page's, when a translation was missing (WCAG 3.1.2), else nothing."""

from django import template
from django.db.models import Model
from django.utils.html import conditional_escape, format_html

from embassy.infrastructure import translated

register = template.Library()


@register.simple_tag
def lang_attr(value: Model | translated.Text, field: str = "") -> str:
    """` lang="en"` for `{% lang_attr article "lead" %}` when the article's lead is shown in
    English on a page in another language, or for a header Text (`{% lang_attr counter.name %}`)
    written in another language."""
    if isinstance(value, translated.Text):
        language = value.language
    elif isinstance(value, Model) and field:
        language = translated.language_of(value, field)
    else:
        return ""
    if language == translated.current_language():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def with_lang(value: translated.Text | str) -> str:
    """A header text, escaped, in a `<span lang>` when it is in another language than the
    page's: `{{ counter.event_name|with_lang }}` inside a translated sentence."""
    if isinstance(value, translated.Text) and value.language != translated.current_language():
        return format_html('<span lang="{}">{}</span>', value.language, value.value)
    return conditional_escape(str(value))


@register.filter
def text_in_page_language(obj: Model, field: str) -> translated.Text:
    """`obj`'s `field` as the page shows it, with its language, for |with_lang: a place inside
    a translated sentence, `{{ article|text_in_page_language:"delivered_at"|with_lang }}`."""
    return translated.text_of(obj, field)
