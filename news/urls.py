from django.urls import path, register_converter

from news import feeds, views


class DigitsConverter:
    """A fixed number of digits, as an int: 2022/06/11 but not 2022/6/11 or 2022/06/1a."""

    digits = 2

    def __init__(self):
        self.regex = f"[0-9]{{{self.digits}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.digits}d}"


class YearConverter(DigitsConverter):
    digits = 4


register_converter(YearConverter, "yyyy")
register_converter(DigitsConverter, "dd")

app_name = "news"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
    path(
        "<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events.ics", feeds.upcoming_events_calendar, name="events-ics"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("events/<slug:slug>/event.ics", feeds.event_calendar, name="event-ics"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/rss/", feeds.NewsFeed(), name="feed-rss"),
    path("feed/atom/", feeds.AtomNewsFeed(), name="feed-atom"),
    path("feed/<slug:kind>/rss/", feeds.NewsFeed(), name="kind-feed-rss"),
    path("feed/<slug:kind>/atom/", feeds.AtomNewsFeed(), name="kind-feed-atom"),
]
