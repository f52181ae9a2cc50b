"""The admin forms the editorial tests post."""

from django.utils import timezone

from news.models import Article
from tests.helpers import admin_form

TRANSLATED = ("title", "lead", "body", "delivered_at", "image_alt", "image_caption")


def article_form(article: Article, button: str = "_save", **fields) -> dict:
    """The article's change form as the browser posts it (every language's inputs), with
    `fields` changed, pressing `button` (_save, _save_draft, _submit)."""
    published = timezone.localtime(article.published_at)
    data = {
        "kind": article.kind,
        "slug": article.slug,
        "source_url": article.source_url,
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M"),
        "delivered_on": "",
        button: "1",
    }
    for name in TRANSLATED:
        data[name] = getattr(article, f"{name}_en") or ""
        data[f"{name}_ru"] = getattr(article, f"{name}_ru") or ""
    return admin_form(data | fields)
