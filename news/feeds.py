"""Subscriptions: RSS and Atom feeds of the press feed (all of it or one kind), and an
iCalendar feed of upcoming events. Each is one query; only published items ever appear."""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape, format_html
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from embassy.infrastructure import translated
from news import listing
from news.models import Article, Event

FEED_LENGTH = 30
CALENDAR_LENGTH = 500


class NewsFeed(Feed):
    """The newest items of the press feed, or of one kind (`kind` from the URL)."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request, kind=None):
        if kind is not None and kind not in listing.KIND_LABELS:
            raise Http404(_("There is no such kind of item."))
        return kind

    def title(self, kind):
        if kind is None:
            return _("%(site)s: all messages") % {"site": settings.SITE_NAME}
        return _("%(site)s: %(kind)s") % {
            "site": settings.SITE_NAME,
            "kind": listing.KIND_LABELS[kind],
        }

    def link(self, kind):
        archive = reverse("news:archive")
        return f"{archive}?{urlencode({'kind': kind})}" if kind else archive

    def description(self, kind):
        return _("Speeches, interviews, articles and events published by the %(site)s.") % {
            "site": settings.SITE_NAME
        }

    def items(self, kind):
        rows = listing.press_feed(
            Article.objects.visible(), Event.objects.visible(), kind=kind, with_body=True
        )
        return listing.to_entries(rows[:FEED_LENGTH])

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        # The lead as a paragraph, then the body (sanitized when it was saved).
        lang = (
            format_html(' lang="{}"', entry.summary_language)
            if entry.summary_language != get_language()
            else ""
        )
        summary = f"<p{lang}>{escape(entry.summary)}</p>" if entry.summary else ""
        return summary + entry.body

    def item_link(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        # Its last public change: a change made before a scheduled publication is not one.
        return max(entry.updated_at, entry.published_at)

    def item_categories(self, entry):
        return [entry.kind_label]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, kind):
        return self.description(kind)


def upcoming_events_calendar(request):
    """Upcoming published events as an iCalendar file (one query)."""
    events = Event.objects.visible().upcoming().order_by("starts_on", "starts_at", "pk")
    calendar = calendar_of(events[:CALENDAR_LENGTH], request)
    calendar.add("x-wr-calname", _("%(site)s: events") % {"site": settings.SITE_NAME})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def event_calendar(request, slug):
    """One event as an iCalendar file, to add to a calendar (one query): any event visitors
    are shown in the page's language, past ones too."""
    event = get_object_or_404(Event.objects.visible(), slug=slug)
    response = HttpResponse(
        calendar_of([event], request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{event.slug}.ics"
    )
    return response


def calendar_of(events, request) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//News events//EN")
    calendar.add("version", "2.0")
    host = request.get_host()
    for event in events:
        calendar.add_component(calendar_event(event, host, request))
    calendar.add_missing_timezones()
    return calendar


def language_parameter(event: Event, field: str) -> dict[str, str]:
    """RFC 5545's LANGUAGE of a text shown in the default language in another's calendar."""
    language = translated.language_of(event, field)
    return {"LANGUAGE": language} if language != get_language() else {}


def calendar_event(event: Event, host: str, request) -> CalendarEvent:
    start, end = event.span()
    if end is None and not isinstance(start, datetime):
        end = start
    if isinstance(end, date) and not isinstance(end, datetime):
        # An all-day event's DTEND is the day after its last day (RFC 5545).
        end = end + timedelta(days=1)
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", timezone.localtime(event.updated_at, UTC))
    component.add("summary", event.title)
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    for field, name in (("place", "location"), ("teaser", "description")):
        if getattr(event, field):
            component.add(name, getattr(event, field), parameters=language_parameter(event, field))
    component.add("url", request.build_absolute_uri(event.get_absolute_url()))
    return component
