"""Bodies stored before the allow-list existed are cleaned with it once; from now on every save
does it (Publishable.save).

The allow-list is written out here as news/sanitize.py had it when this migration was made, not
imported from there: a later change to the live rules must not change what this migration did.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.db import migrations

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_CLASSES = {"p": {"question", "answer"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
CLEAN_CONTENT_TAGS = {
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
EXTERNAL_REL = "noopener noreferrer"
LINK_TAG = re.compile(r'<a((?: [^\s"\'>/=]+="[^"]*")*)>')
HREF = re.compile(r' href="([^"]*)"')
EMPTY = re.compile(r"(?:<p>(?:\s|<br>|&nbsp;)*</p>|\s)*")


def add_rel(match):
    attributes = match.group(1)
    href = HREF.search(attributes)
    if href and urlsplit(href.group(1).strip()).netloc:
        attributes += f' rel="{EXTERNAL_REL}"'
    return f"<a{attributes}>"


def sanitize_html(html, cleaner):
    if not html:
        return ""
    cleaned = LINK_TAG.sub(add_rel, cleaner.clean(html)).strip()
    return "" if EMPTY.fullmatch(cleaned) else cleaned


def sanitize_bodies(apps, schema_editor):
    cleaner = nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )
    for model_name in ("Article", "Event"):
        model = apps.get_model("news", model_name)
        rows = model.objects.using(schema_editor.connection.alias).exclude(body="")
        changed = []
        for row in rows.only("pk", "body").iterator(chunk_size=500):
            cleaned = sanitize_html(row.body, cleaner)
            if cleaned != row.body:
                row.body = cleaned
                changed.append(row)
        model.objects.using(schema_editor.connection.alias).bulk_update(
            changed, ["body"], batch_size=500
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0003_image_renditions_and_rich_text")]

    operations = [migrations.RunPython(sanitize_bodies, migrations.RunPython.noop)]
