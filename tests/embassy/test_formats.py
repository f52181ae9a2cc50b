"""Dates in the admin are British in English ("30 November 2026, 04:53", not Django's American
"Nov. 30, 2026, 4:53 a.m."), to the minute (embassy/formats). Russian keeps Django's formats,
already without seconds; the public pages name their formats and do not change."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.factories import make_article, make_event
from tests.helpers import frozen_at

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 30, 4, 53, 12, tzinfo=UTC)  # 04:53 in London (GMT)

frozen = frozen_at(NOW)


def test_the_admin_lists_dates_and_times_the_british_way(admin_client):
    make_article("Out now", published_at=NOW)
    make_article("Coming", published_at=NOW + timedelta(days=1, hours=9))
    page = admin_client.get("/admin/news/article/").content.decode()
    assert '<td class="field-published_at nowrap">30 November 2026, 04:53</td>' in page
    assert "Scheduled for 1 December 2026, 13:53" in page
    assert "a.m." not in page and "p.m." not in page


def test_the_admin_lists_dates_without_american_month_first(admin_client):
    make_event("Reception", starts_on=date(2026, 12, 3), published_at=NOW)
    page = admin_client.get("/admin/news/event/").content.decode()
    assert '<td class="field-starts_on nowrap">3 December 2026</td>' in page
