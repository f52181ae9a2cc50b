"""Pages in the visitors' search (news.searchables), beside articles and events: found by their
title, lead and body in the page's language, only where a visitor can reach them."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from embassy.pages.models import Page
from news.searchables import Searchable

PAGE = "page"


class PageSearch(Searchable):
    entry_type = PAGE
    model = Page
    migration = ("pages", "0002_search_in_each_language")
    result_template = "pages/includes/search_result.html"

    def visible(self) -> QuerySet:
        return Page.objects.shown()

    def kind_label(self, item: Any) -> str:
        return gettext("Page")
