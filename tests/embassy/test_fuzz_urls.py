"""Property-based tests over the public URL space: whatever a visitor (or a scanner) asks for,
the site answers with a page, a redirect or a clear 4xx, never a server error.

The routes are read from the URLconf, so a route added later is fuzzed without a change here.
Django's test client re-raises an exception from a view, so a crash fails with its traceback;
a 5xx answer without one (a caught error) fails on the status.
"""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.admin.sites import site as admin_site
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from news.models import Kind, Status
from tests.factories import (
    make_article,
    make_clock,
    make_contact_point,
    make_counter,
    make_event,
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    # The database content is made once per module and only read; the client keeps no state
    # that matters between examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any character a request line can carry once percent-decoded: controls, NUL, surrogate-free
# unicode, and the characters that mean something in a path or query.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
TRICKY_SEGMENTS = st.sampled_from(
    ["..", ".", "", "%", "%00", "%2e%2e", "%2F", "%ZZ", "%C0%AF", "%FF", "\x00", "\\", "~", "?"]
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e3", "1.5", "0x10", "9" * 400, "last", "NaN", "inf", " 2"]),
)
LONG_TEXT = st.text(st.characters(codec="utf-8"), min_size=200, max_size=5000)
VALUES = st.one_of(NUMBERS, ANY_TEXT, LONG_TEXT, st.sampled_from([k.value for k in Kind]))
PARAMETERS = st.sampled_from(["page", "kind", "year", "month", "q", "day", "sort", "format"])


def public_routes(resolver=None, prefix=()):
    """Every route outside the admin (its site, and the passkeys' JSON views of its login under
    its address), as the tuple of patterns leading to it."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == admin_site.name or str(entry.pattern).startswith("admin/"):
                continue
            yield from public_routes(entry, (*prefix, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (*prefix, entry.pattern)


ROUTES = list(public_routes())


@st.composite
def route_paths(draw):
    """A path matching one of the routes, its variable parts filled with anything they allow."""
    patterns = draw(st.sampled_from(ROUTES))
    parts = [draw(st.from_regex(pattern.regex.pattern, fullmatch=True)) for pattern in patterns]
    return "/" + quote("".join(parts).removeprefix("/"), safe="/")


@st.composite
def any_paths(draw):
    """Paths of random segments, raw or percent-encoded, often under a real route's prefix."""
    segments = draw(st.lists(st.one_of(ANY_TEXT, TRICKY_SEGMENTS, NUMBERS), max_size=6))
    encoded = [
        segment if draw(st.booleans()) and "%" in segment else quote(segment, safe="")
        for segment in segments
    ]
    start = draw(st.sampled_from(["/", "/news/", "/news/events/", "/consular/", "/news/feed/"]))
    return start + "/".join(encoded) + draw(st.sampled_from(["", "/"]))


def query_strings():
    """Raw query strings: random pairs, bare keys, broken percent-escapes, repeated keys."""
    pair = st.tuples(st.one_of(PARAMETERS, ANY_TEXT), VALUES).map(
        lambda kv: quote(kv[0], safe="") + "=" + quote(kv[1], safe="")
    )
    raw = st.one_of(TRICKY_SEGMENTS, st.text(max_size=40))
    return st.lists(st.one_of(pair, raw), max_size=6).map("&".join)


def assert_no_server_error(response, path):
    # Shown by --hypothesis-show-statistics: how the examples spread over the answers.
    event(f"status {response.status_code}")
    assert response.status_code < 500, f"{response.status_code} for {path!r}"


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """A little of everything the public pages show, made once for the module."""
    with django_db_blocker.unblock():
        now = timezone.now()
        rows = [
            make_clock("London", "Europe/London"),
            make_counter(),
            make_contact_point(),
            *(
                make_article(kind=kind, published_at=now - timedelta(days=i))
                for i, kind in (enumerate(Kind.values))
            ),
            make_article(status=Status.DRAFT),
            make_article(published_at=now + timedelta(days=3)),
            make_event(starts_on=timezone.localdate() + timedelta(days=5)),
            make_event(starts_on=timezone.localdate() - timedelta(days=400)),
        ]
        yield rows
        for row in reversed(rows):
            type(row).objects.filter(pk=row.pk).delete()


@FUZZ
@given(path=any_paths(), query=query_strings())
def test_random_paths_and_query_strings_never_give_a_server_error(client, db, content, path, query):
    target = f"{path}?{query}" if query else path
    assert_no_server_error(client.get(target), target)


@FUZZ
@given(path=route_paths(), query=query_strings())
def test_every_route_with_random_values_never_gives_a_server_error(
    client, db, content, path, query
):
    target = f"{path}?{query}" if query else path
    assert_no_server_error(client.get(target), target)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "page": NUMBERS,
            "kind": st.one_of(st.sampled_from([k.value for k in Kind]), ANY_TEXT),
            "year": st.one_of(NUMBERS, st.integers(1990, 2040).map(str)),
            "month": st.one_of(NUMBERS, st.integers(1, 12).map(str)),
        },
    )
)
def test_archive_filters_and_pages_never_give_a_server_error(client, db, content, data):
    assert_no_server_error(client.get(reverse("news:archive"), data), data)


@FUZZ
@given(
    q=st.one_of(ANY_TEXT, LONG_TEXT, st.sampled_from(["\x00", "'", '"', "&", "|", "!", ":*"])),
    page=st.one_of(st.none(), NUMBERS),
)
def test_search_of_any_text_never_gives_a_server_error(client, db, content, q, page):
    data = {"q": q} if page is None else {"q": q, "page": page}
    assert_no_server_error(client.get(reverse("news:search"), data), data)


LISTS_AND_FEEDS = [
    "home",
    "news:events",
    "news:feed-rss",
    "news:feed-atom",
    "news:events-ics",
    "consular:index",
]


@FUZZ
@given(
    name=st.sampled_from(LISTS_AND_FEEDS),
    data=st.dictionaries(PARAMETERS, VALUES, max_size=4),
)
def test_lists_and_feeds_with_any_parameters_never_give_a_server_error(
    client, db, content, name, data
):
    assert_no_server_error(client.get(reverse(name), data), (name, data))


def test_the_fuzzed_routes_include_every_public_page():
    """Guards the walker: if it stopped finding routes, the tests above would fuzz nothing."""
    regexes = {"".join(p.regex.pattern for p in patterns) for patterns in ROUTES}
    assert any("search" in regex for regex in regexes)
    assert any("consular" in regex for regex in regexes)
    assert not any(str(pattern).startswith("admin") for route in ROUTES for pattern in route)
    assert len(ROUTES) >= 10
