"""Small helpers that make valid rows with sensible defaults; tests override what they check."""

from datetime import date
from itertools import count

from django.conf import settings
from django.utils import timezone
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname as localized

from consular.models import ContactPoint, PhoneNumber
from embassy.sitewide.models import Clock, IncidentCounter
from news.models import Article, Event, Kind, Status

_sequence = count(1)


def in_every_language(model, fields: dict, translate: bool = True) -> dict:
    """`fields` (as the default language's) with each translated one also given, as it is, in
    every other language, unless given there already: rows visitors see in every language.
    `translate=False` leaves the other languages empty (an untranslated row)."""
    options = translator.get_options_for_model(model)
    result = dict(fields)
    for name in options.fields:
        if name not in fields:
            continue
        result.setdefault(localized(name, settings.LANGUAGE_CODE), fields[name])
        for code, _name in settings.LANGUAGES[1:]:
            result.setdefault(localized(name, code), fields[name] if translate else "")
        del result[name]
    return result


def make_clock(city="London", time_zone="Europe/London", order=0, translate=True):
    fields = in_every_language(Clock, {"city": city}, translate)
    return Clock.objects.create(time_zone=time_zone, order=order, **fields)


def make_counter(event_name="the Salisbury incident", event_date=date(2018, 3, 4), **fields):
    fields.setdefault("note", "no answer yet")
    translate = fields.pop("translate", True)
    fields = in_every_language(IncidentCounter, {"event_name": event_name, **fields}, translate)
    return IncidentCounter.objects.create(event_date=event_date, **fields)


def make_contact_point(name="Consular queries", numbers=("+44 20 7946 0321",), **fields):
    fields.setdefault("email", "consular@example.org")
    translate = fields.pop("translate", True)
    fields = in_every_language(ContactPoint, {"name": name, **fields}, translate)
    contact_point = ContactPoint.objects.create(**fields)
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
    translate = fields.pop("translate", True)
    fields = in_every_language(Article, {"title": title or f"Article {n}", **fields}, translate)
    return Article.objects.create(**fields)


def make_event(title=None, **fields):
    n = next(_sequence)
    fields.setdefault("slug", f"event-{n}")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    fields.setdefault("starts_on", timezone.localdate())
    fields.setdefault("teaser", f"Teaser of event {n}.")
    translate = fields.pop("translate", True)
    fields = in_every_language(Event, {"title": title or f"Event {n}", **fields}, translate)
    return Event.objects.create(**fields)


def make_page(title=None, parent=None, **fields):
    """A published page (at the top, or below `parent`), in every language unless
    translate=False."""
    from embassy.pages.models import Page

    n = next(_sequence)
    fields.setdefault("slug", f"page-{n}")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    fields.setdefault("body", f"<p>Body of page {n}.</p>")
    fields.setdefault("position", n)
    translate = fields.pop("translate", True)
    fields = in_every_language(Page, {"title": title or f"Page {n}", **fields}, translate)
    return Page.objects.create(parent=parent, **fields)
