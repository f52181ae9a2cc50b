"""A page at its address, and the site map. Each says what it costs in queries (the header's
rows and the menu are remembered apart)."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from consular.models import Notice
from embassy.pages import navigation
from embassy.pages.models import CONSULAR_NOTICES, Page, areas_of, is_published
from news import sharing
from news.models import Article, rich_text_fields
from news.views import ItemDetailView, can_preview, render_preview

LISTED_ITEMS = 5


class PageView(ItemDetailView):
    """A page whose ancestors are all published too, in the address's language (else the news'
    "not translated" page), with its breadcrumbs, its section's pages and, if it lists a kind
    of item, the latest ones. Three queries at most: the page with its ancestors, the section,
    the items. Staff who keep the page's area see it as a draft or scheduled (the preview)."""

    model = Page
    template_name = "pages/page.html"
    context_object_name = "page"
    page_cache_query_parameters = ()  # a page reads none (a ?page= is dropped, as utm_*)

    def get_queryset(self):
        if can_preview(self.request.user, Page):
            # Their own area's pages as they are, the others' as visitors see them.
            areas = areas_of(self.request.user)
            return Page.objects.filter(Q(area__in=areas) | is_published())
        return Page.objects.published()

    def get_object(self, queryset=None):
        path = self.kwargs["path"]
        line = list(self.get_queryset().at(path))
        if not line or line[-1].path != path or len(line) != path.count("/") + 1:
            raise Http404
        self.ancestors = line[:-1]
        return line[-1]

    def structured_data(self, page):
        return {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": page.title,
            "description": sharing.description(page),
            "url": self.request.build_absolute_uri(page.get_absolute_url()),
            "inLanguage": self.request.LANGUAGE_CODE,
            "dateModified": timezone.localtime(page.updated_at).isoformat(),
            "publisher": sharing.publisher(),
        }

    def is_preview(self, page) -> bool:
        return not (page.is_public and all(above.is_public for above in self.ancestors))

    def get_context_data(self, **kwargs):
        page = self.object
        return super().get_context_data(
            ancestors=self.ancestors,
            section=self.section(page),
            listed=self.listed(page),
            **kwargs,
        )

    @staticmethod
    def section(page: Page) -> list[Page]:
        """The sub-navigation: the page's children, or when it has none its siblings under its
        parent (a top-level page without children has none). One query."""
        # A page not saved yet (the add form's preview) has no children.
        near = Q(parent=page) if page.pk is not None else Q(pk__in=[])
        if page.parent_id is not None:
            near |= Q(parent_id=page.parent_id)
        pages = list(
            Page.objects.visible().filter(near).in_order().only("title", "path", "parent_id")
        )
        children = [p for p in pages if p.parent_id == page.pk]
        return children or [p for p in pages if p.parent_id != page.pk]

    @staticmethod
    def listed(page: Page) -> dict | None:
        """The latest items of the kind the page lists, with the address of them all: one
        query (none when it lists nothing)."""
        if not page.lists:
            return None
        if page.lists == CONSULAR_NOTICES:
            return {
                "notices": list(Notice.objects.current(timezone.now())[:LISTED_ITEMS]),
                "url": reverse("consular:index"),
            }
        articles = (
            Article.objects.visible()
            .filter(kind=page.lists)
            .order_by("-published_at", "-pk")
            .defer(*rich_text_fields(Article))[:LISTED_ITEMS]
        )
        return {
            "articles": list(articles),
            "url": f"{reverse('news:archive')}?kind={page.lists}",
            "label": page.get_lists_display(),
        }


def preview(request, page: Page, previewing: str = "change"):
    """A page with unsaved values (a prepared change, or the admin's form) through the page's
    own view and template, below its ancestors as stored (embassy.editorial)."""
    page.place()  # its address and area under the parent it is given
    view = PageView()
    view.ancestors = list(Page.objects.filter(path__in=page.ancestor_paths()).order_by("depth"))
    return render_preview(view, request, page, previewing, path=page.path)


def site_map(request):
    """The site's sections and the tree of its pages a visitor may reach: one query (the
    header's rows and the menu are remembered)."""
    return render(request, "pages/site_map.html", {"tree": navigation.page_tree()})
