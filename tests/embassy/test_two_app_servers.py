"""Two app servers, one PostgreSQL database and one Redis, as behind a load balancer: neither
server keeps state of its own, so a visitor may be answered by either.

Both are real gunicorn processes with the repo's config and DEBUG off. Like every deployment of
more than one app server, they share the SECRET_KEY, the database, the cache and the media.
"""

import secrets
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from tests import launcher, servers

pytestmark = pytest.mark.system


@pytest.fixture
def two_app_servers(tmp_path):
    servers.require_postgresql()
    servers.require_redis()
    name = servers.database_name("shared")
    servers.create_database(name)
    servers.flush_redis()
    started = []
    try:
        environment = launcher.server_environment(
            f"postgres://postgres@127.0.0.1:{servers.PG_PORT}/{name}?sslmode=disable",
            CACHE_URL=servers.REDIS_URL,
            STATIC_ROOT=str(servers.collected_static()),
            MEDIA_ROOT=str(tmp_path / "media"),
            # The superuser's article goes live when saved: what one server writes, the other
            # shows (a second pair of eyes is tested in tests/embassy/editorial/).
            REVIEW_REQUIRED="false",
        )
        servers.prepare_site(environment)
        for number in (1, 2):
            started.append(launcher.AppServer(environment, tmp_path / f"server-{number}.log"))
        yield started[0], started[1], name
    finally:
        for server in started:
            server.stop()
        servers.drop_database(name)
        servers.flush_redis()


def header_rows_in_redis() -> list[bytes]:
    return list(redis.Redis.from_url(servers.REDIS_URL).scan_iter(match="*header-rows*"))


def test_what_one_app_server_changes_the_other_shows_on_the_next_request(two_app_servers):
    first, second, dbname = two_app_servers
    visitor = servers.Browser()

    # The second server renders the header once: its rows are now cached, in the shared Redis.
    status, _, page = visitor.get(second.base_url, "/")
    assert status == 200, second.log()[-3000:]
    ((contact_id, old_email),) = servers.query(
        dbname, "SELECT id, email FROM consular_contactpoint WHERE in_header"
    )
    assert f'href="mailto:{old_email}"' in page
    assert header_rows_in_redis(), "the header rows are cached in the shared Redis"
    # An anonymous visitor's home page, rendered by the first server, is stored whole in Redis:
    # the second server (whichever of its workers answers) serves the stored copy.
    anonymous = servers.Browser(host="localhost")
    for server, expected in ((first, "miss"), (second, "hit"), (second, "hit")):
        status, headers, _ = anonymous.get(server.base_url, "/")
        assert (status, headers.get("x-page-cache")) == (200, expected), headers

    # Logged in through the first server, the session is good on the second: it lives in the
    # database (and the shared cache), not in a process.
    visitor.log_in_to_admin(first.base_url)
    status, headers, _ = visitor.get(second.base_url, "/admin/")
    assert status == 200, headers.get("location")

    # An article published through the first server's admin is on the second's home page.
    title = f"Published through the first app server {secrets.token_hex(3)}"
    status, _, page = visitor.get(first.base_url, "/admin/news/article/add/")
    assert status == 200, first.log()[-3000:]
    form = servers.article_form(
        page, title, "published-through-the-first", timezone.localtime() - timedelta(minutes=1)
    )
    status, _, page = visitor.post(first.base_url, "/admin/news/article/add/", form)
    assert status == 302, f"the add form was refused:\n{page[-4000:]}"
    status, _, page = visitor.get(second.base_url, "/")
    assert status == 200
    assert title in page
    # The anonymous visitor, served from the shared page cache, sees it too: the save in the
    # first server's process replaced the content version every process reads.
    status, headers, page = anonymous.get(second.base_url, "/")
    assert (status, headers.get("x-page-cache")) == (200, "miss")
    assert title in page

    # The header contact changed through the first server is in the second's header at once,
    # though the second had cached the header: the change cleared the shared cache.
    new_email = f"desk-{secrets.token_hex(3)}@example.org"
    change = f"/admin/consular/contactpoint/{contact_id}/change/"
    status, _, page = visitor.get(first.base_url, change)
    assert status == 200, first.log()[-3000:]
    form = servers.with_values(servers.form_fields(page, "contactpoint_form"), {"email": new_email})
    status, _, page = visitor.post(first.base_url, change, form)
    assert status == 302, f"the change form was refused:\n{page[-4000:]}"
    status, _, page = visitor.get(second.base_url, "/")
    assert status == 200
    assert f'href="mailto:{new_email}"' in page
    assert old_email not in page
    status, headers, page = anonymous.get(second.base_url, "/")
    assert (status, headers.get("x-page-cache")) == (200, "miss")
    assert f'href="mailto:{new_email}"' in page
    assert old_email not in page
