from django.shortcuts import render
from django.views.generic import DetailView, ListView

from news.models import Article, Event

HOME_EVENT_COUNT = 10


def home(request):
    """The home page: the featured item and the latest events (two queries)."""
    return render(
        request,
        "home.html",
        {
            "featured": Article.objects.home_featured(),
            "latest_events": Event.objects.published().latest_first()[:HOME_EVENT_COUNT],
        },
    )


class PublishedMixin:
    """Visitors see only published items whose publication time has come."""

    def get_queryset(self):
        return self.model.objects.published()


class ArchiveView(PublishedMixin, ListView):
    model = Article
    paginate_by = 20
    template_name = "news/archive.html"
    context_object_name = "articles"


class ArticleDetailView(PublishedMixin, DetailView):
    model = Article
    template_name = "news/article_detail.html"
    context_object_name = "article"


class EventDetailView(PublishedMixin, DetailView):
    model = Event
    template_name = "news/event_detail.html"
    context_object_name = "event"
