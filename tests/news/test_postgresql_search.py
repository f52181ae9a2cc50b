"""PostgreSQL's search: a stored vector column per language, with that language's stemming, kept
by PostgreSQL on every write and put back by the post_migrate repair (news.search_vectors).
SQLite's own is in test_sqlite_search.py."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.utils import translation

from news import search
from news.lib.search_text import clean_query
from news.models import Article, Event
from tests.factories import make_article, make_event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vector columns"),
]


def found(query: str, language: str) -> set[str]:
    with translation.override(language):
        rows = search.matches(clean_query(query))
        return {
            Article.objects.get(pk=row["entry_id"]).title_en
            for row in rows
            if row["entry_type"] == search.ARTICLE
        } | {
            Event.objects.get(pk=row["entry_id"]).title_en
            for row in rows
            if row["entry_type"] == search.EVENT
        }


def test_russian_is_searched_with_russian_stemming():
    make_article(
        "Embassy statement",
        title_ru="Заявление посольства",
        body_ru="<p>Послы встретились в посольствах.</p>",
    )
    make_event("Reception", title_ru="Приём", teaser_ru="В здании посольства России.")
    for query in ("посольство", "Посольству", "посольствами"):
        assert found(query, "ru") == {"Embassy statement", "Reception"}, query
    assert found("заявления", "ru") == {"Embassy statement"}
    # English's stemming knows no Russian, and the English text has none of it.
    assert found("посольство", "en") == set()


def test_english_is_searched_with_english_stemming_only_in_english():
    make_article(
        "Meetings of the ministers",
        title_ru="Встречи министров",
        body="<p>The ministers met twice.</p>",
        body_ru="<p>Министры встретились дважды.</p>",
    )
    assert found("meeting minister", "en") == {"Meetings of the ministers"}
    assert found("meeting", "ru") == set()
    assert found("министр", "ru") == {"Meetings of the ministers"}


def vector_columns() -> dict[tuple[str, str], str]:
    """(table, column): the column's generation expression."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, generation_expression FROM information_schema.columns "
            "WHERE table_name IN ('news_article', 'news_event') AND column_name LIKE 'search%%'"
        )
        return {(table, column): expression for table, column, expression in cursor.fetchall()}


def indexes(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        return {
            name: info
            for name, info in connection.introspection.get_constraints(cursor, table).items()
        }


def test_each_language_has_a_vector_column_with_its_configuration_and_a_gin_index():
    columns = vector_columns()
    assert set(columns) == {
        (table, f"search_vector_{code}")
        for table in ("news_article", "news_event")
        for code in ("en", "ru")
    }
    for (table, column), expression in columns.items():
        language = column.removeprefix("search_vector_")
        config = {"en": "english", "ru": "russian"}[language]
        assert f"to_tsvector('{config}'::regconfig" in expression
        assert f"title_{language}" in expression and f"body_{language}" in expression
        other = {"en": "ru", "ru": "en"}[language]
        assert f"_{other}" not in expression
        index = indexes(table)[f"{table}_{column}_idx"]
        assert index["columns"] == [column] and index["type"] == "gin"


def test_after_a_migrate_a_languages_missing_vector_is_back_and_filled():
    """As on a site that adds a language: its columns come from a migration, its vector and
    index from the next migrate's post_migrate signal."""
    make_article("Talks", title_ru="Переговоры в Ереване")
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE news_article DROP COLUMN search_vector_ru")
    assert ("news_article", "search_vector_ru") not in vector_columns()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert ("news_article", "search_vector_ru") in vector_columns()
    assert "news_article_search_vector_ru_idx" in indexes("news_article")
    assert found("Переговоры", "ru") == {"Talks"}
