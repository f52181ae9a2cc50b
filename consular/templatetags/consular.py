from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from consular.lib import phone_links as lib

register = template.Library()


@register.filter
def phone_links(text: str) -> SafeString:
    """A notice's plain text, escaped, with its phone numbers tel: links (consular/lib/
    phone_links.py); before `linebreaks`, which leaves the result unescaped."""
    return mark_safe(lib.linkify(str(text), settings.PHONENUMBER_DEFAULT_REGION))  # noqa: S308
