"""What the visitors' search finds: each app registers its kinds of content from its
AppConfig.ready() (news its articles and events, embassy.pages its pages), and the search
(news.search) and its indexes on either database (news.search_vectors, news.sqlite_search_index)
read them from here, never an app's models by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Result:
    """One search result, as its own template shows it."""

    kind_label: str
    url: str
    title_html: SafeString
    excerpt_html: SafeString
    published_at: datetime
    template: str


class Searchable:
    """A kind of content the search finds: a model with a title, a summary and a rich-text
    body in each language (django-modeltranslation's columns), searched in the page's language.
    Subclass it for a model and register() an instance."""

    # Names its rows among the search's matches (one UNION ALL over every searchable).
    entry_type: ClassVar[str]
    model: ClassVar[type[Model]]
    # The title, the summary and the body: the fields searched, by weight (A, B, C).
    fields: ClassVar[tuple[str, str, str]] = ("title", "lead", "body")
    # The app's migration from which on its search columns or indexes exist: before it, the
    # repairs after a migrate leave its table alone (an earlier one may have had others).
    migration: ClassVar[tuple[str, str]]
    result_template: ClassVar[str]

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def visible(self) -> QuerySet:
        """What a visitor reading the current language may find."""
        return self.model._default_manager.visible()  # type: ignore[attr-defined]

    def kind_label(self, item: Any) -> str:
        raise NotImplementedError

    def result(self, item: Any) -> Result:
        """`item` as news.search reads it, with its `title_html` and `excerpt_html`."""
        return Result(
            kind_label=str(self.kind_label(item)),
            url=item.get_absolute_url(),
            title_html=item.title_html,
            excerpt_html=item.excerpt_html,
            published_at=item.published_at,
            template=self.result_template,
        )


_registry: dict[str, Searchable] = {}


def register(searchable: Searchable) -> None:
    """Let the search find `searchable`'s model; registering an entry type again replaces it."""
    _registry[searchable.entry_type] = searchable


def registered() -> list[Searchable]:
    """Every searchable, in the order the apps registered them."""
    return list(_registry.values())


def of_type(entry_type: str) -> Searchable:
    return _registry[entry_type]
