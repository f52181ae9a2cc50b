"""The pages in what every page shows: the main menu and the footer's links, and the site map;
the consular section's pages, which the consular page lists.

The menu, the footer and the consular section's pages come from one query, remembered per
language until the content changes (embassy.infrastructure.caching.remember): no query once
remembered. As for the header's notices, the rows hold the scheduled pages too, each with the
moment it becomes visible, and which are visible now, like which menu entry is the current
section, is worked out per request: the remembered rows never need to expire at a publication
time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from embassy.infrastructure import caching
from embassy.pages.models import Area, Page, Purpose
from news.models import rich_text_fields

# The name changes with the shape of SiteLinks, so a shared cache never hands a new process the
# rows an older one pickled.
REMEMBERED_AS = "page-links:v3"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    visible_from: datetime | None = None


@dataclass(frozen=True)
class MenuEntry:
    link: Link
    # "page" on the section's own page, "true" anywhere below it, "" elsewhere: aria-current.
    current: str = ""


@dataclass(frozen=True)
class Section:
    """A top-level page and the pages right below it, in their order."""

    link: Link
    children: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class SiteLinks:
    """The top-level pages of the menu, in their order, the footer's pages by purpose, and the
    consular section's top-level pages with their children."""

    menu: list[Link] = field(default_factory=list)
    by_purpose: dict[str, Link] = field(default_factory=dict)
    consular: list[Section] = field(default_factory=list)


def read_links() -> SiteLinks:
    """One query: the pages visitors reading the current language may reach, now or once their
    time comes, that are in the menu, have a purpose, or are the consular section's top two
    levels."""
    pages = (
        Page.objects.coming()
        .filter(
            Q(depth=1, show_in_menu=True) | ~Q(purpose="") | Q(area=Area.CONSULAR, depth__lte=2)
        )
        .order_by("depth", "position", "pk")
        .only("title", "path", "depth", "area", "show_in_menu", "purpose", "published_at")
    )
    menu, by_purpose, consular = [], {}, {}
    for page in pages:  # by depth: a section is known before its children
        link = Link(str(page.title), page.get_absolute_url(), page.visible_from)
        if page.depth == 1 and page.show_in_menu:
            menu.append(link)
        if page.purpose:
            by_purpose[page.purpose] = link
        if page.area == Area.CONSULAR and page.depth == 1:
            consular[page.path] = Section(link)
        elif page.area == Area.CONSULAR and page.depth == 2:
            section = consular.get(page.path.rsplit("/", 1)[0])
            if section is not None:
                section.children.append(link)
    return SiteLinks(menu=menu, by_purpose=by_purpose, consular=list(consular.values()))


def site_links() -> SiteLinks:
    return caching.remember(REMEMBERED_AS, read_links, changes_by_itself=False)


def known_paths() -> frozenset[str]:
    """The path of every page, published or not: remembered until the content changes, so that
    an address no page has (a mistyped link, a scanner's guesses) costs no query."""
    return caching.remember(
        "page-paths",
        lambda: frozenset(Page.objects.values_list("path", flat=True)),
        changes_by_itself=False,
    )


def current_state(url: str, path: str) -> str:
    if path == url:
        return "page"
    return "true" if path.startswith(url) else ""


@dataclass(frozen=True)
class Navigation:
    menu: list[MenuEntry]
    accessibility: Link | None
    privacy: Link | None
    links: SiteLinks
    now: datetime

    def consular(self) -> list[Section]:
        """The consular section's pages visible now, for the consular page only
        (templates/consular/index.html): worked out when that page asks, not on every page."""
        return [
            Section(
                section.link, [child for child in section.children if is_visible(child, self.now)]
            )
            for section in self.links.consular
            if is_visible(section.link, self.now)
        ]


def is_visible(link: Link | None, now: datetime) -> bool:
    return link is not None and (link.visible_from is None or link.visible_from <= now)


def for_request(path: str, now: datetime) -> Navigation:
    """The menu with the current section marked, and the footer's links, for the page at
    `path` (as requested, language prefix included) at the moment `now`."""
    links = site_links()

    def visible(link: Link | None) -> Link | None:
        return link if is_visible(link, now) else None

    return Navigation(
        menu=[
            MenuEntry(link, current_state(link.url, path)) for link in links.menu if visible(link)
        ],
        accessibility=visible(links.by_purpose.get(Purpose.ACCESSIBILITY)),
        privacy=visible(links.by_purpose.get(Purpose.PRIVACY)),
        links=links,
        now=now,
    )


@dataclass
class TreeNode:
    page: Page
    children: list[TreeNode] = field(default_factory=list)


def page_tree() -> list[TreeNode]:
    """The pages visitors reading the current language may reach, as a tree of top-level pages
    in their order, each with its children in theirs: one query. A page below one not
    translated into the language is left out with it (it would have no way in)."""
    pages = list(
        Page.objects.shown().order_by("depth", "position", "pk").defer(*rich_text_fields(Page))
    )
    nodes = {page.pk: TreeNode(page) for page in pages}
    top = []
    for page in pages:  # by depth: a parent's node exists before its children's
        if page.parent_id is None:
            top.append(nodes[page.pk])
        elif page.parent_id in nodes:
            nodes[page.parent_id].children.append(nodes[page.pk])
        else:
            del nodes[page.pk]
    return top
