"""The newsroom's public pages. The query work is in the querysets and in news.listing and
news.search; each view says what it costs in queries (the header's rows are cached apart)."""

from django.contrib.auth import get_permission_codename
from django.shortcuts import redirect, render
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.views.generic import DetailView, ListView

from embassy.infrastructure import caching, translated, two_factor
from embassy.infrastructure import languages as site_languages
from embassy.infrastructure.json_ld import json_ld_script
from news import listing, search, sharing
from news.forms import ArchiveFilters, SearchForm
from news.lib.search_text import clean_query
from news.models import Article, Event

HOME_EVENT_COUNT = 10
PAGE_SIZE = 20
# Upcoming events are few; the cap only guards against a runaway import.
UPCOMING_LIMIT = 50


def home(request):
    """The home page: the featured item and the latest events (two queries)."""
    return render(
        request,
        "home.html",
        {
            "featured": Article.objects.home_featured(),
            "latest_events": Event.objects.visible().latest_first()[:HOME_EVENT_COUNT],
        },
    )


def can_preview(user, model) -> bool:
    """Staff who may change an item may see it before it is published (the admin's preview),
    once past the second factor, as for the admin itself."""
    return (
        user.is_active
        and user.is_staff
        and two_factor.is_verified(user)
        and user.has_perm(
            f"{model._meta.app_label}.{get_permission_codename('change', model._meta)}"
        )
    )


class PublishedMixin:
    """Visitors see only published items whose publication time has come.

    Lists are paginated by PAGE_SIZE; a bad or out-of-range page number is a 404. A detail view
    with `allow_preview` also shows drafts and scheduled items to staff who may change them.
    `page_items` turns the rows of one page into what the template shows.
    """

    paginate_by: int | None = PAGE_SIZE
    page_cache_query_parameters: tuple[str, ...] = ("page",)
    allow_preview = False

    def published(self, model):
        """What visitors are shown in the page's language."""
        return model.objects.visible()

    def get_queryset(self):
        if self.allow_preview and can_preview(self.request.user, self.model):
            return self.model.objects.all()
        return self.published(self.model)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.page_items(rows)
        return paginator, page, page.object_list, is_paginated

    def page_items(self, rows):
        return rows


class ArchiveView(PublishedMixin, ListView):
    """All messages: articles and events merged, newest first, filtered by kind and period.

    Three queries: the years offered, the count and the page; the first two are remembered
    for the content version (embassy.infrastructure.caching.remember), so usually one. Bad
    filter values get the page with the errors and no items, as a 404.
    """

    template_name = "news/archive.html"
    context_object_name = "entries"
    page_cache_query_parameters = ("kind", "year", "month", "page")

    def get(self, request, *args, **kwargs):
        self.filters = ArchiveFilters(request.GET)
        response = super().get(request, *args, **kwargs)
        if not self.filters.is_valid():
            response.status_code = 404
        return response

    def get_queryset(self):
        articles, events = self.published(Article), self.published(Event)
        if not self.filters.is_valid():
            return articles.none().values()
        kind, period = self.filters.cleaned_data["kind"] or None, self.filters.period()
        return listing.press_feed(
            articles,
            events,
            kind=kind,
            period=period,
            count_name=f"archive-count:{kind}:{period and '/'.join(m.isoformat() for m in period)}",
        )

    def page_items(self, rows):
        return listing.to_entries(rows)

    def get_context_data(self, **kwargs):
        self.filters.offer_years(
            caching.remember(
                "archive-years",
                lambda: listing.publication_years(self.published(Article), self.published(Event)),
            )
        )
        kind = self.filters.cleaned_data.get("kind") if self.filters.is_valid() else None
        return super().get_context_data(
            filters=self.filters, feed_kind=kind, kind_label=listing.KIND_LABELS.get(kind), **kwargs
        )


class EventListView(PublishedMixin, ListView):
    """Upcoming events, soonest first, then past events, paginated: three queries (two once
    the count of past events is remembered)."""

    model = Event
    template_name = "news/event_list.html"
    context_object_name = "past_events"

    def get_queryset(self):
        return super().get_queryset().past().latest_first()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # Remembered for the content version and the day: events turn past at local midnight.
        paginator.count = caching.remember(
            f"past-events-count:{timezone.localdate().isoformat()}", queryset.count
        )
        return paginator

    def get_context_data(self, **kwargs):
        upcoming = (self.published(Event).upcoming().order_by("starts_on", "starts_at", "pk"))[
            :UPCOMING_LIMIT
        ]
        return super().get_context_data(upcoming_events=list(upcoming), **kwargs)


class SearchView(PublishedMixin, ListView):
    """Search results, best first: articles, events and whatever else apps register
    (news.searchables). No query without a search; else the count, the page and one query per
    kind of content on the page."""

    template_name = "news/search.html"
    context_object_name = "results"
    page_cache_query_parameters = ("q", "page")

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        if not self.query:
            return Article.objects.none().values()
        return search.matches(self.query)

    def page_items(self, rows):
        if not self.query:
            return []
        return search.results(rows, self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=SearchForm(initial={"q": self.query}), query=self.query, **kwargs
        )


class ItemDetailView(PublishedMixin, DetailView):
    """An article or event page: one query for the item (visitors), with its sharing data.

    The item is found whatever the page's language; one not translated into it gets a page in
    that language saying so, with links to the languages it is in (a 404: nothing to index)."""

    allow_preview = True

    def published(self, model):
        return model.objects.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        moved = self.redirect_to_address()
        if moved is not None:
            return moved
        languages = self.object.languages()
        request.content_languages = languages  # the alternates the page names (languages.py)
        if translation.get_language() not in languages:
            return self.not_translated(languages)
        return self.render_to_response(self.get_context_data(object=self.object))

    def redirect_to_address(self):
        """A redirect to the item's own address when it was asked for at another."""
        return None

    def is_preview(self, item) -> bool:
        """Shown to staff only (visitors get a 404 for it)."""
        return not item.is_public

    def not_translated(self, languages):
        translations = [
            {
                "code": code,
                "path": get_script_prefix() + site_languages.address_in(self.request, code)[1:],
                "name_translated": translation.get_language_info(code)["name_translated"],
                "title": getattr(self.object, translated.localized("title", code)),
            }
            for code in languages
        ]
        context = {"translations": translations}
        return render(self.request, "news/not_translated.html", context, status=404)

    def get_context_data(self, **kwargs):
        item = self.object
        return super().get_context_data(
            is_preview=self.is_preview(item),
            canonical_url=self.request.build_absolute_uri(item.get_absolute_url()),
            og=sharing.open_graph(item, self.request),
            json_ld=json_ld_script(self.structured_data(item)),
            **kwargs,
        )


def preview(request, item, previewing: str = "change"):
    """An article or event with unsaved values (a prepared change, or the admin's form) through
    its own public view and template, for staff (embassy.editorial): nothing is read or written
    but what the page itself reads."""
    view_class = ArticleDetailView if isinstance(item, Article) else EventDetailView
    return render_preview(view_class(), request, item, previewing, slug=item.slug)


def render_preview(view, request, item, previewing: str, **url_kwargs):
    """`item` rendered by its detail view as if `view` had found it at its address."""
    view.setup(request, **url_kwargs)
    view.object = item
    request.content_languages = [translation.get_language()]
    context = view.get_context_data(object=item)
    context.update(is_preview=True, previewing=previewing)
    return view.render_to_response(context)


class ArticleDetailView(ItemDetailView):
    model = Article
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def redirect_to_address(self):
        published_on = timezone.localdate(self.object.published_at)
        asked = (self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        if asked != (published_on.year, published_on.month, published_on.day):
            # An old or mistyped date: the article lives at its publication date.
            return redirect(self.object, permanent=True)
        return None

    def structured_data(self, article):
        return sharing.article_data(article, self.request)

    def get_context_data(self, **kwargs):
        article = self.object
        published_on = timezone.localdate(article.published_at)
        return super().get_context_data(
            show_delivered_on=bool(article.delivered_on and article.delivered_on != published_on),
            **kwargs,
        )


class EventDetailView(ItemDetailView):
    model = Event
    template_name = "news/event_detail.html"
    context_object_name = "event"

    def structured_data(self, event):
        return sharing.event_data(event, self.request)
