"""The demo's events: each body says more than its teaser, in other words, in every language
(a visitor who opens an event must not read the teaser again, word for word)."""

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from embassy.infrastructure.translated import localized
from news.models import Event

pytestmark = pytest.mark.django_db


def words(text: str) -> str:
    return " ".join(strip_tags(text).split()).casefold()


def test_no_demo_event_body_repeats_its_teaser():
    call_command("load_demo", "--no-accounts")
    events = list(Event.objects.all())
    assert len(events) == 10
    for event in events:
        for code in ("en", "ru"):
            teaser = words(getattr(event, localized("teaser", code)))
            body = words(getattr(event, localized("body", code)))
            assert teaser and body, (event.slug, code)
            assert not body.startswith(teaser), (event.slug, code)
            assert teaser not in body, (event.slug, code)
            assert len(body) > len(teaser), (event.slug, code)
