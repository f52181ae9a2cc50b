"""Notices appear at their start and disappear at their end by themselves; an urgent one is a
banner on every page, though the header's rows are cached."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from consular.models import Level, Notice
from tests.helpers import text, visible_text

pytestmark = pytest.mark.django_db

START = datetime(2022, 6, 28, 9, 0, tzinfo=UTC)
END = datetime(2022, 6, 29, 17, 0, tzinfo=UTC)


def banner(response) -> str:
    match = re.search(r'<aside class="notice-banner".*?</aside>', response.content.decode(), re.S)
    return visible_text(match.group(0)) if match else ""


NOTICE_TEXT = (
    "The consular section is closed on Monday.\n\nUrgent matters: call the emergency line."
)


def make_notice(
    title="Closed on Monday", level=Level.URGENT, starts_at=START, ends_at=END, text=NOTICE_TEXT
):
    return Notice.objects.create(
        title=title,
        text=text,
        level=level,
        starts_at=starts_at,
        ends_at=ends_at,
    )


def get_at(client, moment, path="/consular/"):
    with time_machine.travel(moment, tick=False):
        return client.get(path)


def test_a_notice_shows_on_the_consular_page_from_its_start_to_its_end(client):
    make_notice(level=Level.INFORMATION)
    assert "Closed on Monday" not in text(get_at(client, datetime(2022, 6, 28, 8, 59, tzinfo=UTC)))
    page = text(get_at(client, START))
    assert "Closed on Monday" in page
    assert "Urgent matters: call the emergency line." in page
    assert "Closed on Monday" in text(get_at(client, datetime(2022, 6, 29, 16, 59, tzinfo=UTC)))
    assert "Closed on Monday" not in text(get_at(client, END))


def test_a_notice_without_an_end_stays(client):
    make_notice(ends_at=None)
    assert "Closed on Monday" in text(get_at(client, datetime(2030, 1, 1, tzinfo=UTC)))


def test_the_notice_text_is_escaped(client):
    notice = make_notice(level=Level.INFORMATION)
    notice.text = '<img src=x onerror="alert(1)">'
    notice.save()
    html = get_at(client, START).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


PAGES = ["/", "/news/", "/consular/"]


@pytest.mark.parametrize("path", PAGES)
def test_an_urgent_notice_is_a_banner_on_every_page_while_current(client, path):
    make_notice()
    # The header's rows are read and cached before the notice starts ...
    assert banner(get_at(client, datetime(2022, 6, 28, 8, 0, tzinfo=UTC), path)) == ""
    # ... and the cached rows show it at its start, and drop it at its end, untouched.
    shown = banner(get_at(client, START, path))
    assert "Closed on Monday" in shown
    assert "More on the consular page" in shown
    assert banner(get_at(client, END, path)) == ""


def test_the_banner_links_to_the_notice(client):
    notice = make_notice()
    html = get_at(client, START, "/").content.decode()
    assert f'href="/consular/#notice-{notice.pk}"' in html
    assert f'id="notice-{notice.pk}"' in get_at(client, START).content.decode()


def test_an_information_notice_is_no_banner(client):
    make_notice(level=Level.INFORMATION)
    assert banner(get_at(client, START, "/")) == ""


def test_a_notice_saved_while_the_header_is_cached_shows_at_once(client):
    get_at(client, START, "/")  # cache the header's rows
    notice = make_notice()
    assert "Closed on Monday" in banner(get_at(client, START, "/"))
    notice.level = Level.INFORMATION
    notice.save()
    assert banner(get_at(client, START, "/")) == ""
    notice.level = Level.URGENT
    notice.save()
    assert banner(get_at(client, START, "/")) != ""
    notice.delete()
    assert banner(get_at(client, START, "/")) == ""


def test_several_urgent_notices_in_order_of_their_start(client):
    make_notice("Second", starts_at=datetime(2022, 6, 28, 10, 0, tzinfo=UTC))
    make_notice("First")
    shown = banner(get_at(client, datetime(2022, 6, 28, 11, 0, tzinfo=UTC), "/"))
    assert shown.index("First") < shown.index("Second")


def test_the_header_caches_no_ended_notice():
    from embassy.sitewide import header

    make_notice("Ended", ends_at=datetime(2022, 6, 28, 9, 30, tzinfo=UTC))
    make_notice("Coming", starts_at=datetime(2022, 7, 1, tzinfo=UTC), ends_at=None)
    make_notice("Information", level=Level.INFORMATION)
    with time_machine.travel(datetime(2022, 6, 28, 10, 0, tzinfo=UTC), tick=False):
        rows = header.read_rows()
    assert [str(notice.title) for notice in rows.urgent_notices] == ["Coming"]


EMERGENCY_TEXT = "Closed on Monday. Urgent matters: call 020 7946 0322 <any time>."


def test_the_banner_makes_a_phone_number_a_tel_link(client):
    make_notice(text=EMERGENCY_TEXT)
    html = get_at(client, START, "/").content.decode()
    assert '<a href="tel:+442079460322">020 7946 0322</a> &lt;any time&gt;.' in html


def test_the_consular_page_makes_a_phone_number_a_tel_link(client):
    make_notice(level=Level.INFORMATION, text=EMERGENCY_TEXT)
    html = get_at(client, START).content.decode()
    assert (
        '<p>Closed on Monday. Urgent matters: call <a href="tel:+442079460322">020 7946 0322</a>'
        " &lt;any time&gt;.</p>"
    ) in html
