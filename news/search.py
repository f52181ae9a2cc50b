"""Ranked search over the title, summary (lead or teaser) and body of what the apps register
(news.searchables: articles, events, standing pages), in the visitor's language: the text
written in the page's language (title_ru, lead_ru, body_ru on /ru/ pages) of the items shown in
it, never another language's.

On PostgreSQL: full-text search with websearch-style queries in the language's text search
configuration (its stemming), matched against the language's stored vector column, which a GIN
index is built on (news.search_vectors), ranked with SearchRank and highlighted with
SearchHeadline. On SQLite (development): every word of the query must begin a word in one of the
fields (and none written with a leading -), found in each table's FTS5 index of the language
(news.sqlite_search_index), the items with every word in the title first, and the highlighting
is done in Python.

Either way a search is two steps: `matches()` is one UNION ALL over every searchable's table
giving only kinds, ids and ranks, so counting and slicing a page stays cheap; `results()` then
reads the rows of that page only (one query per table present on the page) with their
highlighted text.
Highlighted text is built from escaped pieces (news.lib.search_text), never from stored markup.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    Func,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import mark_safe

from embassy.infrastructure import translated
from news.lib import search_text
from news.listing import EVENT, KIND_LABELS
from news.models import Article, Event
from news.search_vectors import StoredVector, text_search_config
from news.searchables import Result, Searchable, of_type, registered
from news.sqlite_search_index import fts_table as fts_table_of

ARTICLE = "article"
# Markers of a match in PostgreSQL's headline: private-use characters nobody types.
START_SEL, STOP_SEL = "\ue000", "\ue001"
ORDERING = ("-entry_rank", "-entry_time", "entry_type", "-entry_id")


class ArticleSearch(Searchable):
    entry_type = ARTICLE
    model = Article
    migration = ("news", "0012_search_in_each_language")
    result_template = "news/includes/search_result.html"

    def kind_label(self, item: Any) -> str:
        return str(KIND_LABELS.get(item.kind, item.kind))


class EventSearch(Searchable):
    entry_type = EVENT
    model = Event
    fields = ("title", "teaser", "body")
    migration = ("news", "0012_search_in_each_language")
    result_template = "news/includes/search_result.html"

    def kind_label(self, item: Any) -> str:
        return str(KIND_LABELS[EVENT])


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_language() -> str:
    """The language searched: the page's, one of the site's."""
    language = translated.current_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _search_query(query: str, language: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=text_search_config(language))


def _rows(queryset: QuerySet, entry_type: str, rank) -> QuerySet:
    return (
        translated.as_written(queryset)
        .order_by()
        .values(
            entry_type=Value(entry_type, output_field=CharField()),
            entry_id=F("pk"),
            entry_time=F("published_at"),
            entry_rank=rank,
        )
    )


def matches(query: str) -> QuerySet:
    """Ids of the matching items of every searchable, best first: lazy, one query when
    evaluated.

    `query` must come from search_text.clean_query; each searchable's text in the page's
    language is searched, among the items its visible() lets the visitor see.
    """
    language = search_language()
    searchables = registered()
    if uses_full_text_search():
        search_query = _search_query(query, language)
        # The language's stored vector columns, which the GIN indexes are built on.
        found = [
            (
                searchable,
                searchable.visible()
                .alias(vector=StoredVector(language))
                .filter(vector=search_query),
                SearchRank(F("vector"), search_query),
            )
            for searchable in searchables
        ]
    else:
        required, excluded = search_text.split_query(query)
        # Words the index holds no tokens for are left out; a query of only such words (as
        # "_") finds nothing rather than everything.
        required_words = [word for word in required if _is_indexed_word(word)]
        excluded_words = [word for word in excluded if _is_indexed_word(word)]
        if not required_words and (required or not excluded_words):
            return searchables[0].visible().none().values("pk")
        found = [
            (
                searchable,
                searchable.visible().filter(
                    _words_condition(searchable.model, language, required_words, excluded_words)
                ),
                _title_rank(searchable, language, required_words),
            )
            for searchable in searchables
        ]
    first, *others = (
        _rows(queryset, searchable.entry_type, rank) for searchable, queryset, rank in found
    )
    return first.union(*others, all=True).order_by(*ORDERING)


def _is_indexed_word(word: str) -> bool:
    """Whether SQLite's index holds tokens for the word: its tokenizer keeps letters and digits
    only, so a word of underscores, which search_text counts as a word, has none: it would
    match nothing."""
    return any(char.isalnum() for char in word)


def _prefix_query(word: str) -> str:
    """An FTS5 query for words beginning with `word`, as a string so that nothing in it is
    FTS5 syntax: "secur"* finds "security", as LIKE '%secur%' did."""
    return '"' + word.replace('"', '""') + '"*'


def _fts_matches(model: type[Model], language: str, fts_query: str) -> Q:
    """The rows whose entry in the FTS5 index of `language` (news.sqlite_search_index) matches
    `fts_query`, a query parameter."""
    fts_table = connection.ops.quote_name(fts_table_of(model._meta.db_table, language))
    # The table name is ours; the query (user input) is always a parameter.
    sql = f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s"  # noqa: S608
    return Q(pk__in=RawSQL(sql, [fts_query]))  # noqa: S611


def _words_condition(
    model: type[Model], language: str, required: list[str], excluded: list[str]
) -> Q:
    """Every required word in one of the fields, no excluded word in any."""
    excluded_query = " OR ".join(_prefix_query(word) for word in excluded)
    if not required:
        return ~_fts_matches(model, language, excluded_query)
    fts_query = " AND ".join(_prefix_query(word) for word in required)
    if excluded:
        fts_query += f" NOT ({excluded_query})"
    return _fts_matches(model, language, fts_query)


def _title_rank(searchable: Searchable, language: str, words: list[str]):
    """SQLite's ranking: items with every word in the title (of the language) first."""
    if not words:
        return Value(0.0, output_field=FloatField())
    title = translated.localized(searchable.fields[0], language)
    in_title = _fts_matches(
        searchable.model,
        language,
        " AND ".join(f"{title} : {_prefix_query(word)}" for word in words),
    )
    return Case(When(in_title, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


def _visible_text(summary_column: str, body_column: str) -> Concat:
    """The summary and the body with its tags removed, for PostgreSQL's headline."""
    body_text = Func(
        F(body_column),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="REGEXP_REPLACE",
        output_field=TextField(),
    )
    return Concat(
        Coalesce(F(summary_column), Value(""), output_field=TextField()),
        Value(" "),
        body_text,
        output_field=TextField(),
    )


def results(rows, query: str) -> list[Result]:
    """The results for a page of `matches()` rows, in the same order.

    One query per searchable present on the page (its items of the page), no more.
    """
    rows = list(rows)
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["entry_type"], []).append(row["entry_id"])
    found: dict[tuple[str, int], Result] = {}
    for entry_type, ids in wanted.items():
        searchable = of_type(entry_type)
        items = searchable.visible().filter(pk__in=ids)
        for item in _highlighted(items, query, searchable.fields):
            found[entry_type, item.pk] = searchable.result(item)
    return [
        found[row["entry_type"], row["entry_id"]]
        for row in rows
        if (row["entry_type"], row["entry_id"]) in found
    ]


def _highlighted(items: QuerySet, query: str, fields: tuple[str, str, str]):
    """The items, each with `title_html` and `excerpt_html` set from its text in the searched
    language: `fields` are its title, summary and body."""
    language = search_language()
    title, summary, body = (translated.localized(field, language) for field in fields)
    if uses_full_text_search():
        search_query = _search_query(query, language)
        markers: dict[str, Any] = {
            "start_sel": START_SEL,
            "stop_sel": STOP_SEL,
            "config": text_search_config(language),
        }
        items = items.annotate(
            title_marked=SearchHeadline(
                Coalesce(F(title), Value(""), output_field=TextField()),
                search_query,
                highlight_all=True,
                **markers,
            ),
            excerpt_marked=SearchHeadline(
                _visible_text(summary, body),
                search_query,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
                **markers,
            ),
        ).defer(fields[2], *translated.columns(fields[2]).values())
        for item in items:
            item.title_html = mark_safe(  # noqa: S308 - built from escaped pieces
                search_text.marked_to_html(item.title_marked, START_SEL, STOP_SEL)
            )
            item.excerpt_html = mark_safe(  # noqa: S308 - built from escaped pieces
                search_text.marked_to_html(
                    item.excerpt_marked, START_SEL, STOP_SEL, decode_entities=True
                )
            )
            yield item
        return
    words, _excluded = search_text.split_query(query)
    for item in items:
        text = " ".join(
            part
            for part in (
                getattr(item, summary),
                search_text.html_to_text(getattr(item, body) or ""),
            )
            if part
        )
        item.title_html = mark_safe(  # noqa: S308 - escaped by highlight()
            search_text.highlight(getattr(item, title) or "", words)
        )
        item.excerpt_html = mark_safe(  # noqa: S308 - escaped by highlight()
            search_text.highlight(search_text.excerpt(text, words), words)
        )
        yield item
