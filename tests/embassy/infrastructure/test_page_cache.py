"""The whole-page cache: a stored page is served until what it shows changes, and never after.

Every test runs at frozen times with caching on (the default). "Seen on the next request" is
checked against the X-Page-Cache header too, so a test cannot pass because nothing was cached.
"""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consular.models import Level, Notice
from embassy.infrastructure import caching
from news.models import Article, Status
from tests.factories import make_article, make_clock, make_contact_point, make_counter, make_event
from tests.helpers import text, verified_login

pytestmark = pytest.mark.django_db

NOON = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)  # 12:00 in London


def max_age(response) -> int:
    """How long a shared proxy may keep the page; browsers are told to ask again each time."""
    assert re.search(r"(^|[ ,])max-age=0\b", response["Cache-Control"]), response["Cache-Control"]
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))


@pytest.fixture
def site():
    make_clock("London", "Europe/London", order=0)
    make_clock("Moscow", "Europe/Moscow", order=1)
    make_counter("the Salisbury incident", date(2018, 3, 4))
    make_contact_point("Consular queries", numbers=["+44 20 7946 0321"], in_header=True)


@pytest.fixture
def at():
    """at(moment): move the frozen clock there."""
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller.move_to


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    client, site, at, django_assert_num_queries
):
    make_article("The ministers speech", published_at=NOON - timedelta(days=1))
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "The ministers speech" in text(second)


def test_cached_pages_carry_headers_a_proxy_can_follow(client, site, at):
    at(NOON + timedelta(seconds=15))
    for expected in ("miss", "hit"):
        response = client.get("/")
        assert response["X-Page-Cache"] == expected
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "private" not in cache_control
        # Good until the clock in the header shows the next minute, 45 seconds on.
        assert max_age(response) == 45
        vary = {part.strip().lower() for part in response["Vary"].split(",")}
        assert {"accept-language", "cookie"} <= vary
        # The security headers are added to the stored page on every answer.
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
    at(NOON + timedelta(seconds=40))
    assert max_age(client.get("/")) == 20


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/events/", "/news/feed/rss/", "/consular/", "/sitemap.xml"]
)
def test_every_public_page_is_cached(client, site, at, path):
    make_article(published_at=NOON - timedelta(days=1))
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert client.get(path)["X-Page-Cache"] == "hit"


def test_publishing_is_seen_on_the_next_request(client, site, at):
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    make_article("A statement on the talks", published_at=NOON - timedelta(minutes=5))
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "miss"
    assert "A statement on the talks" in text(response)


def test_an_edit_is_seen_on_the_next_request(client, site, at):
    article = make_article("Old title", published_at=NOON - timedelta(hours=1))
    assert "Old title" in text(client.get("/"))
    assert client.get("/")["X-Page-Cache"] == "hit"
    article.title = "New title"
    article.save()
    page = text(client.get("/"))
    assert "New title" in page and "Old title" not in page


def test_a_deletion_is_seen_on_the_next_request(client, site, at):
    article = make_article("Withdrawn comment", published_at=NOON - timedelta(hours=1))
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    article.delete()
    assert client.get(url).status_code == 404
    assert "Withdrawn comment" not in text(client.get("/"))


def test_a_bulk_update_without_signals_is_seen_on_the_next_request(client, site, at):
    make_article("Taken back", published_at=NOON - timedelta(hours=1))
    assert "Taken back" in text(client.get("/news/"))
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    # The admin's bulk "unpublish" and scripts write like this: no save(), no post_save.
    Article.objects.filter(title="Taken back").update(status=Status.DRAFT)
    assert "Taken back" not in text(client.get("/news/"))


def test_a_scheduled_item_appears_at_its_exact_moment(client, site, at):
    make_article("Scheduled speech", published_at=NOON + timedelta(seconds=30))
    make_event("Scheduled visit", published_at=NOON + timedelta(seconds=30))
    response = client.get("/")
    assert "Scheduled speech" not in text(response)
    # Stored only until the item's moment, not until the next minute.
    assert max_age(response) == 30
    at(NOON + timedelta(seconds=29))
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "Scheduled speech" not in text(response)
    at(NOON + timedelta(seconds=30))
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Scheduled speech" in text(response) and "Scheduled visit" in text(response)
    feed = client.get("/news/feed/rss/").content.decode()
    assert "Scheduled speech" in feed


def test_a_notice_appears_at_its_start_and_is_gone_at_its_end(client, site, at):
    Notice.objects.create(
        title="Visa desk closed",
        text="Closed for the holiday.",
        level=Level.URGENT,
        starts_at=NOON + timedelta(seconds=10),
        ends_at=NOON + timedelta(seconds=40),
    )
    assert "Visa desk closed" not in text(client.get("/"))
    assert "Visa desk closed" not in text(client.get("/consular/"))
    at(NOON + timedelta(seconds=10))
    assert "Visa desk closed" in text(client.get("/"))
    assert "Visa desk closed" in text(client.get("/consular/"))
    at(NOON + timedelta(seconds=39))
    assert client.get("/")["X-Page-Cache"] == "hit"
    at(NOON + timedelta(seconds=40))
    assert "Visa desk closed" not in text(client.get("/"))
    assert "Visa desk closed" not in text(client.get("/consular/"))


def test_the_clock_shows_the_new_minute(client, site, at):
    at(NOON + timedelta(seconds=5))
    assert "London: 12:00" in text(client.get("/"))
    at(NOON + timedelta(seconds=59))
    assert client.get("/")["X-Page-Cache"] == "hit"
    at(NOON + timedelta(minutes=1))
    page = text(client.get("/"))
    assert "London: 12:01" in page and "Moscow: 14:01" in page


def test_local_midnight_rolls_the_date_line_and_the_counters(client, site, at):
    # 23:59:30 in London on 27 June 2022 (BST), then midnight.
    before_midnight = datetime(2022, 6, 27, 22, 59, 30, tzinfo=UTC)
    at(before_midnight)
    page = text(client.get("/"))
    assert "27 June 2022" in page and "1576 days" in page
    at(before_midnight + timedelta(seconds=29))
    assert client.get("/")["X-Page-Cache"] == "hit"
    at(before_midnight + timedelta(seconds=30))
    page = text(client.get("/"))
    assert "28 June 2022" in page and "1577 days" in page


def test_a_clock_set_back_does_not_bring_back_a_later_page(client, site, at):
    at(NOON + timedelta(seconds=50))
    client.get("/")
    at(NOON - timedelta(minutes=3))
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "London: 11:57" in text(response)


def test_requests_with_a_session_are_never_cached_or_shared(client, site, at):
    make_article("Draft for review", status=Status.DRAFT, slug="draft-for-review")
    user = User.objects.create_user("press", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    verified_login(client, user)
    draft = Article.objects.get(slug="draft-for-review").get_absolute_url()
    for _ in range(2):
        response = client.get(draft)
        assert response.status_code == 200  # the staff preview
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    client.logout()
    assert client.get(draft).status_code == 404


def test_the_admin_and_other_methods_are_never_cached(client, site, at):
    User.objects.create_superuser("admin", password="x")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.post("/")
    assert client.get("/healthz").get("X-Page-Cache") is None


def test_an_error_page_is_not_stored(client, site, at):
    assert client.get("/news/2022/06/28/nothing-here/").status_code == 404
    make_article(slug="nothing-here", published_at=datetime(2022, 6, 28, 10, 0, tzinfo=UTC))
    assert client.get("/news/2022/06/28/nothing-here/").status_code == 200


def test_languages_and_hosts_are_kept_apart(client, site, at):
    """The address says the language: a page cached in one language is never served at
    another language's address, whatever the visitor's browser or cookie says."""
    english = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get("/ru/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert (english["X-Page-Cache"], russian["X-Page-Cache"]) == ("miss", "miss")
    assert (english["Content-Language"], russian["Content-Language"]) == ("en", "ru")
    client.cookies["django_language"] = "en"
    again = client.get("/ru/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert (again["X-Page-Cache"], again["Content-Language"]) == ("hit", "ru")
    assert '<html lang="ru">' in again.content.decode()
    del client.cookies["django_language"]
    for accept in ("ru", "en", ""):
        # The English page, cached, is never an answer at the Russian address, and back.
        page = client.get("/ru/news/", HTTP_ACCEPT_LANGUAGE=accept)
        assert (page["X-Page-Cache"], page["Content-Language"]) == ("hit", "ru")
    english = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert (english["X-Page-Cache"], english["Content-Language"]) == ("hit", "en")
    assert '<html lang="en">' in english.content.decode()
    assert client.get("/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"


def test_a_visitor_preferring_another_language_is_redirected_not_served_the_cached_page(
    client, site, at
):
    assert client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "miss"
    first_visit = client.get("/news/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (first_visit.status_code, first_visit["Location"]) == (302, "/ru/news/")
    assert "X-Page-Cache" not in first_visit
    assert "no-store" in first_visit["Cache-Control"]
    # And the redirect was not stored for the next visitor either.
    assert client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"


def test_a_page_says_what_a_shared_cache_must_key_it_by(client, site, at):
    """The default language's address answers by the visitor's cookie and browser (it may
    redirect): it varies on both. Another language's address answers the same to everyone but
    a session."""
    english = client.get("/news/")
    assert set(english["Vary"].split(", ")) == {"Accept-Language", "Cookie"}
    assert client.get("/ru/news/")["Vary"] == "Cookie"


def test_switched_off_every_request_renders(client, site, at, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")
    assert len(captured) > 0


def test_the_change_moments_are_read_once_per_content_version(
    client, site, at, django_assert_num_queries
):
    make_article("Later", published_at=NOON + timedelta(hours=2))
    version = caching.content_version()
    assert caching.next_change(NOON, version) == NOON + timedelta(hours=2)
    with django_assert_num_queries(0):
        assert caching.next_change(NOON + timedelta(minutes=1), version) == NOON + timedelta(
            hours=2
        )
    # A new version reads them again, and sees the change.
    make_article("Sooner", published_at=NOON + timedelta(minutes=10))
    assert caching.next_change(NOON, caching.content_version()) == NOON + timedelta(minutes=10)


def test_the_version_lives_in_the_shared_cache(client, site, at):
    """What every worker reads (tests/embassy/test_two_app_servers.py runs two servers)."""
    before = caching.content_version()
    assert cache.get(caching.VERSION_KEY) == before
    make_article("Anything")
    assert caching.content_version() != before


def test_with_a_cache_that_keeps_nothing_pages_cost_no_extra_work(
    client, site, at, settings, django_assert_num_queries
):
    """CACHE_URL=dummycache://: no page is stored, and the moments that would bound how long
    are not worked out for nothing."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make_article("Anything", published_at=NOON - timedelta(hours=1))
    with CaptureQueriesContext(connection) as first:
        response = client.get("/")
    assert "X-Page-Cache" not in response
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second) == len(first)
    # The header's urgent notices only; not the notices' next start and end.
    statements = [query["sql"] for query in second.captured_queries]
    assert sum("consular_notice" in sql for sql in statements) == 1


def test_a_browser_asking_again_gets_not_modified_until_the_page_changes(client, site, at):
    article = make_article("First title", published_at=NOON - timedelta(hours=1))
    first = client.get("/")
    etag = first["ETag"]
    again = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    article.title = "Second title"
    article.save()
    changed = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Second title" in text(changed)
    assert changed["ETag"] != etag


def test_a_head_request_is_answered_from_the_cache_without_a_body(
    client, site, at, django_assert_num_queries
):
    make_article("The ministers speech", published_at=NOON - timedelta(days=1))
    first = client.head("/")
    assert first["X-Page-Cache"] == "miss"
    assert first.content == b""
    page = client.get("/")
    assert page["X-Page-Cache"] == "hit", "a HEAD stores the page a GET is served"
    with django_assert_num_queries(0):
        head = client.head("/")
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["ETag"] == page["ETag"]
    assert int(head["Content-Length"]) == len(page.content)


@pytest.mark.parametrize("cookie", ["x", "0" * 32, "a" * 40, "' OR 1=1 --"])
def test_a_made_up_session_cookie_is_served_the_cached_page_and_cleared(
    client, site, at, cookie, django_assert_num_queries
):
    make_article("The ministers speech", published_at=NOON - timedelta(days=1))
    assert client.get("/")["X-Page-Cache"] == "miss"
    client.cookies["sessionid"] = cookie
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "public" in response["Cache-Control"]
    assert "The ministers speech" in text(response)
    cleared = response.cookies["sessionid"]
    assert cleared.value == "" and cleared["max-age"] == 0


def test_a_made_up_session_cookie_on_a_page_not_yet_stored_costs_no_session_lookup(
    client, site, at
):
    client.cookies["sessionid"] = "a" * 40
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/consular/")
    assert response["X-Page-Cache"] == "miss"
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]
    assert response.cookies["sessionid"].value == ""
    # Stored without the cookie's removal: the next visitor gets no Set-Cookie.
    del client.cookies["sessionid"]
    again = client.get("/consular/")
    assert again["X-Page-Cache"] == "hit" and "sessionid" not in again.cookies


def test_a_staff_session_still_gets_private_pages(client, site, at):
    user = User.objects.create_user("press", password="x", is_staff=True)
    client.force_login(user)
    assert len(client.cookies["sessionid"].value) == 40
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "sessionid" not in response.cookies or response.cookies["sessionid"].value


@pytest.mark.parametrize(
    "query", ["?utm_source=newsletter", "?fbclid=1&utm_medium=x", "?nonce=12345", "?_=1700000000"]
)
def test_parameters_the_page_does_not_read_neither_miss_the_cache_nor_reach_the_page(
    client, site, at, query
):
    make_article("A statement", published_at=NOON - timedelta(days=1))
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    response = client.get(f"/news/{query}")
    assert response["X-Page-Cache"] == "hit"
    assert "utm_" not in response.content.decode() and "nonce" not in response.content.decode()


def test_the_parameters_a_page_reads_are_kept_and_keyed(client, site, at):
    for n in range(25):
        make_article(f"Statement number {n}", published_at=NOON - timedelta(hours=n + 1))
    first = client.get("/news/?page=2&utm_source=x")
    assert first["X-Page-Cache"] == "miss"
    assert "Statement number 24" in text(first)
    assert client.get("/news/?utm_campaign=y&page=2")["X-Page-Cache"] == "hit"
    assert "Statement number 24" not in text(client.get("/news/"))
    found = client.get("/news/search/?q=number&utm_source=x")
    assert "Statement number" in text(found)
    assert client.get("/news/search/?q=other")["X-Page-Cache"] == "miss"


def test_the_scheme_is_part_of_the_key(client, site, at, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    secure = client.get("/", HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https")
    assert secure["X-Page-Cache"] == "miss"
    plain = client.get("/", HTTP_HOST="testserver")
    assert plain["X-Page-Cache"] == "miss"
    assert "https://" not in plain.content.decode().replace("https://schema.org", "")
