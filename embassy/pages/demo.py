"""The demo's pages: rows made from the words of embassy/operations/demo_pages.py.

`load(pages)` takes DemoPages (title, lead and body as dicts by language code; children, the
same again) and creates each as a published page, its children below it in their order. A
page whose address exists already is left as it is, so loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from embassy.infrastructure.translated import localized
from embassy.pages.models import Area, Page
from news.models import Status

TRANSLATED = ("title", "lead", "body")


@dataclass(frozen=True)
class DemoPage:
    """A page's words and place, as the demo writes them (embassy/operations/demo_pages.py)."""

    slug: str
    title: dict[str, str]  # by language code: {"en": ..., "ru": ...}
    lead: dict[str, str] = field(default_factory=dict)  # one or two plain sentences
    body: dict[str, str] = field(default_factory=dict)  # HTML the sanitizer keeps as it is
    area: str = Area.PRESS  # who keeps it
    show_in_menu: bool = False
    purpose: str = ""  # "", or a Purpose: the footer links to it
    lists: str = ""  # "", or what it lists below its body: a news kind or "consular-notices"
    children: tuple[DemoPage, ...] = ()


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
            area=demo.area,
            show_in_menu=demo.show_in_menu,
            purpose=demo.purpose,
            lists=demo.lists,
            **texts(demo),
        )
        page.full_clean()
        page.save()
    for child_position, child in enumerate(demo.children, start=1):
        place(child, page, child_position)
    return page


def texts(demo: DemoPage) -> dict[str, str]:
    """Each translated field's text in each of the site's languages the demo has it in."""
    columns = {}
    for name in TRANSLATED:
        by_language = getattr(demo, name)
        for code, _name in settings.LANGUAGES:
            if by_language.get(code):
                columns[localized(name, code)] = by_language[code]
    return columns
