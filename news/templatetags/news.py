import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A link whose text is its own address, as news.sanitize writes it: href first, quoted.
ADDRESS_LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<rest>[^>]*)>(?P=href)</a>')


@register.filter
def marks_addresses(body: str) -> SafeString:
    """A sanitized body with each link whose text is already its address marked is-address,
    so that printing does not write the address twice (site.css)."""
    marked = ADDRESS_LINK.sub(r'<a class="is-address" href="\g<href>"\g<rest>>\g<href></a>', body)
    return mark_safe(marked)  # noqa: S308 - the body was sanitized when it was saved
