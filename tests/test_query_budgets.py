"""Query budgets of every public page: the same number of queries with 5 items and with 500,
and the home page at most six with nothing cached (the header's three, the menu's pages, its own
two). Counts, not timings (`make bench` times)."""

import math
from datetime import time, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consular.models import ContactPoint, Level, Notice, OpeningHours
from embassy.operations.management.commands.generate_content import TOPICS
from embassy.pages.models import Page, Purpose
from news.models import Article, Event, Kind
from news.views import PAGE_SIZE
from tests.factories import (
    make_article,
    make_clock,
    make_contact_point,
    make_counter,
    make_event,
    make_page,
)

pytestmark = pytest.mark.django_db

# Every public page a visitor (or a feed reader, or a crawler) can open. Each is a function of
# nothing, called once the content exists: some addresses name an item or a page number.
PUBLIC_PAGES = {
    "home": lambda: "/",
    "article": lambda: (
        Article.objects.published().order_by("-published_at").last().get_absolute_url()
    ),
    "archive": lambda: "/news/",
    "archive, last page": lambda: f"/news/?page={last_archive_page()}",
    "archive, one kind": lambda: "/news/?kind=speech",
    "archive, one year": lambda: f"/news/?year={Article.objects.first().published_at.year}",
    "events": lambda: "/news/events/",
    "event": lambda: Event.objects.published().order_by("published_at").first().get_absolute_url(),
    "search": lambda: f"/news/search/?q={TOPICS[0]}",
    "RSS feed": lambda: "/news/feed/rss/",
    "Atom feed": lambda: "/news/feed/atom/",
    "kind feed": lambda: "/news/feed/speech/rss/",
    "calendar": lambda: "/news/events.ics",
    "sitemap index": lambda: "/sitemap.xml",
    "sitemap of articles": lambda: "/sitemap-articles.xml",
    "consular": lambda: "/consular/",
    "page": lambda: "/embassy/ambassador/",
    "page 5 levels deep": lambda: "/embassy/ambassador/visits/2022/yerevan/",
    "page listing speeches": lambda: "/speeches/",
    "site map": lambda: "/site-map/",
    "contact card": lambda: f"/consular/contact/{ContactPoint.objects.first().pk}.vcf",
    "robots.txt": lambda: "/robots.txt",
}


def last_archive_page() -> int:
    items = Article.objects.published().count() + Event.objects.published().count()
    return max(1, math.ceil(items / PAGE_SIZE))


def page_queries(client, path: str) -> int:
    """The queries one request for `path` makes: the transaction statements of ATOMIC_REQUESTS
    (a savepoint inside the test's transaction) are not the page's."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return sum(
        not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        for query in captured.captured_queries
    )


def site_with(items: int, seed: int) -> None:
    # Each call with a seed of its own: the seed is part of the generated slugs.
    call_command("generate_content", items=items, seed=seed, quiet=True, stdout=None)


@pytest.fixture
def site():
    make_clock("London", "Europe/London")
    make_clock("Moscow", "Europe/Moscow")
    make_counter()
    desk = make_contact_point(in_header=True, numbers=["+44 20 7946 0321", "+7 495 000 00 00"])
    for weekday in range(5):
        OpeningHours.objects.create(
            contact_point=desk, weekday=weekday, opens=time(9, 30), closes=time(12, 30)
        )
    Notice.objects.create(title="Holiday closure", text="Closed on Monday.", level=Level.URGENT)
    # Something in every list at 5 items as at 500 (an empty list skips its page query).
    today = timezone.localdate()
    make_article(kind=Kind.SPEECH, published_at=timezone.now() - timedelta(days=1))
    make_event(
        starts_on=today - timedelta(days=30), published_at=timezone.now() - timedelta(days=40)
    )
    make_event(starts_on=today + timedelta(days=7), published_at=timezone.now() - timedelta(days=2))
    # A page five levels deep, with a section, the menu and the footer's pages.
    parent = None
    for slug in ("embassy", "ambassador", "visits", "2022", "yerevan"):
        parent = make_page(slug=slug, parent=parent, show_in_menu=parent is None)
        make_page(parent=parent)
    make_page(slug="speeches", lists=Kind.SPEECH, show_in_menu=True)
    make_page(slug="accessibility", purpose=Purpose.ACCESSIBILITY)
    make_page(slug="privacy", purpose=Purpose.PRIVACY)


def more_pages(count: int) -> None:
    """`count` more pages: in the menu, below the pages above, in the site map, and a tree of
    their own."""
    embassy = Page.objects.get(path="embassy/ambassador")
    for n in range(count):
        parent = embassy if n % 3 == 0 else None
        make_page(slug=f"more-{n}", parent=parent, show_in_menu=parent is None and n % 2 == 0)


def costs(client) -> dict[str, tuple[int, int]]:
    """Each page's queries rendered with nothing cached, and then with the header's rows
    cached (the page cache off in both)."""
    result = {}
    for name, address in PUBLIC_PAGES.items():
        path = address()
        cache.clear()
        cold = page_queries(client, path)
        result[name] = (cold, page_queries(client, path))
    return result


@pytest.mark.usefixtures("no_page_cache")
def test_every_public_page_costs_the_same_with_5_items_and_with_500(client, site):
    site_with(2, seed=1)
    small = costs(client)
    # A page's depth costs nothing: its ancestors come with it.
    assert small["page 5 levels deep"] == small["page"]
    site_with(495, seed=2)
    more_pages(500 - Page.objects.count())
    assert Article.objects.count() + Event.objects.count() == 500
    assert Page.objects.count() == 500
    assert costs(client) == small


@pytest.mark.usefixtures("no_page_cache")
def test_the_home_page_makes_at_most_six_queries_with_nothing_cached(client, site):
    site_with(497, seed=1)
    cache.clear()
    assert page_queries(client, "/") <= 6


def test_a_cached_page_costs_no_query_and_a_miss_a_fixed_number(client, site):
    site_with(2, seed=1)
    misses = {}
    for name, address in PUBLIC_PAGES.items():
        path = address()
        cache.clear()
        misses[name] = page_queries(client, path)
        assert page_queries(client, path) == 0, name
    site_with(495, seed=2)
    more_pages(500 - Page.objects.count())
    for name, address in PUBLIC_PAGES.items():
        cache.clear()
        assert page_queries(client, address()) == misses[name], name


@pytest.mark.usefixtures("no_page_cache")
def test_a_page_costs_the_same_in_every_language(client, site):
    """The Russian address of a page (every public page but the sitemap and robots.txt, which
    have one address) costs what the English one does, cold and warm."""
    site_with(2, seed=1)
    english = costs(client)
    paths = {name: address() for name, address in PUBLIC_PAGES.items()}
    for name, path in paths.items():
        if name.startswith(("sitemap", "robots")):
            continue
        cache.clear()
        russian = (page_queries(client, f"/ru{path}"), page_queries(client, f"/ru{path}"))
        assert russian == english[name], name
