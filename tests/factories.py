"""Small helpers that make valid rows with sensible defaults; tests override what they check."""

from datetime import date
from itertools import count

from django.utils import timezone

from consular.models import ContactPoint, PhoneNumber
from embassy.sitewide.models import Clock, IncidentCounter
from news.models import Article, Event, Kind, Status

_sequence = count(1)


def make_clock(city="London", time_zone="Europe/London", order=0):
    return Clock.objects.create(city=city, time_zone=time_zone, order=order)


def make_counter(event_name="the Salisbury incident", event_date=date(2018, 3, 4), **fields):
    fields.setdefault("note", "no answer yet")
    return IncidentCounter.objects.create(event_name=event_name, event_date=event_date, **fields)


def make_contact_point(name="Consular queries", numbers=("+44 20 7946 0321",), **fields):
    fields.setdefault("email", "consular@example.org")
    contact_point = ContactPoint.objects.create(name=name, **fields)
    for order, number in enumerate(numbers):
        PhoneNumber.objects.create(contact_point=contact_point, number=number, order=order)
    return contact_point


def make_article(title=None, **fields):
    n = next(_sequence)
    fields.setdefault("slug", f"article-{n}")
    fields.setdefault("kind", Kind.SPEECH)
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    fields.setdefault("body", f"<p>Body of article {n}.</p>")
    return Article.objects.create(title=title or f"Article {n}", **fields)


def make_event(title=None, **fields):
    n = next(_sequence)
    fields.setdefault("slug", f"event-{n}")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    fields.setdefault("starts_on", timezone.localdate())
    fields.setdefault("teaser", f"Teaser of event {n}.")
    return Event.objects.create(title=title or f"Event {n}", **fields)
