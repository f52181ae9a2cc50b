"""The demo's pages: rows made from the words of embassy/operations/demo_pages.py.

`load(pages)` takes objects with the attributes of its DemoPage (slug; title, lead and body as
dicts by language code; area, show_in_menu, purpose, lists; children, the same again) and
creates each as a published page, its children below it in their order. A page whose address
exists already is left as it is, so loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction

from embassy.infrastructure.translated import localized
from embassy.pages.models import Area, Page
from news.models import Status

TRANSLATED = ("title", "lead", "body")


class DemoPage(Protocol):
    # Read-only, as a frozen dataclass's fields are.
    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> dict[str, str]: ...
    @property
    def lead(self) -> dict[str, str]: ...
    @property
    def body(self) -> dict[str, str]: ...
    @property
    def area(self) -> str: ...
    @property
    def show_in_menu(self) -> bool: ...
    @property
    def purpose(self) -> str: ...
    @property
    def lists(self) -> str: ...
    @property
    def children(self) -> Any: ...


def load(pages: Iterable[DemoPage], parent: Page | None = None) -> list[Page]:
    """The pages (and their children), made where missing; returns the top ones given."""
    with transaction.atomic():
        return [place(demo, parent, position) for position, demo in enumerate(pages, start=1)]


def place(demo: DemoPage, parent: Page | None, position: int) -> Page:
    path = demo.slug if parent is None else f"{parent.path}/{demo.slug}"
    page = Page.objects.filter(path=path).first()
    if page is None:
        page = Page(
            slug=demo.slug,
            parent=parent,
            position=position,
            status=Status.PUBLISHED,
            area=getattr(demo, "area", "") or Area.PRESS,
            show_in_menu=getattr(demo, "show_in_menu", False),
            purpose=getattr(demo, "purpose", "") or "",
            lists=getattr(demo, "lists", "") or "",
            **texts(demo),
        )
        page.full_clean()
        page.save()
    for child_position, child in enumerate(getattr(demo, "children", ()) or (), start=1):
        place(child, page, child_position)
    return page


def texts(demo: DemoPage) -> dict[str, str]:
    """Each translated field's text in each of the site's languages the demo has it in."""
    columns = {}
    for field in TRANSLATED:
        by_language = getattr(demo, field, None) or {}
        for code, _name in settings.LANGUAGES:
            if by_language.get(code):
                columns[localized(field, code)] = by_language[code]
    return columns
