"""Search in each language: a page searches the text written in its own language of the items it
shows, on both databases (PostgreSQL's stemming is in test_postgresql_search.py, SQLite's own
matching in test_sqlite_search.py)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection
from django.test import override_settings
from django.utils import translation

from news import search, search_vectors, sqlite_search_index
from news.lib.search_text import clean_query
from news.models import Article, Event, Status
from tests.factories import make_article, make_event
from tests.helpers import frozen_at, main, text

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
frozen = frozen_at(NOW)


def russian(client, query: str):
    return client.get("/ru/news/search/", {"q": query}, HTTP_ACCEPT_LANGUAGE="ru")


def result_titles(response) -> list[str]:
    titles = re.findall(r'<h3 class="entry__title"><a href="[^"]+">(.*?)</a></h3>', main(response))
    return [re.sub(r"</?mark>", "", title) for title in titles]


def found(query: str, language: str) -> set[str]:
    """Titles (in `language`) of what a visitor reading `language` finds."""
    with translation.override(language):
        rows = search.matches(clean_query(query))
        kinds = {search.ARTICLE: Article, search.EVENT: Event}
        return {
            getattr(kinds[row["entry_type"]].objects.get(pk=row["entry_id"]), f"title_{language}")
            for row in rows
        }


@pytest.fixture
def content(frozen):
    make_article(
        "Statement of the Embassy on the consular section",
        title_ru="Заявление посольства о консульском отделе",
        lead="The section reopens.",
        lead_ru="Отдел снова открыт.",
        body="<p>Visas are issued again.</p>",
        body_ru="<p>Визы снова выдаются.</p>",
        published_at=NOW - timedelta(days=2),
    )
    make_event(
        "Reception at the Embassy",
        title_ru="Приём в посольстве",
        teaser="Guests from the ministry.",
        teaser_ru="Гости из министерства.",
        body="<p>Music and speeches.</p>",
        body_ru="<p>Музыка и речи.</p>",
        published_at=NOW - timedelta(days=1),
    )
    # In English only: never shown, never found, on the Russian pages.
    make_article(
        "Visas for the guests of the Embassy",
        body="<p>Visas are issued within a week.</p>",
        translate=False,
        published_at=NOW - timedelta(days=3),
    )


def test_a_russian_page_finds_the_russian_text_of_items_shown_in_russian(client, content):
    assert result_titles(russian(client, "консульском")) == [
        "Заявление посольства о консульском отделе"
    ]
    assert found("Визы", "ru") == {"Заявление посольства о консульском отделе"}  # body
    assert found("министерства", "ru") == {"Приём в посольстве"}  # teaser
    assert found("открыт", "ru") == {"Заявление посольства о консульском отделе"}  # lead


def test_a_russian_page_finds_nothing_by_english_text(client, content):
    for query in ("Embassy", "Visas", "reception", "guests"):
        response = russian(client, query)
        assert result_titles(response) == [], query
        assert f"По запросу «{query}» найдено 0 результатов" in text(response)


def test_an_english_page_finds_nothing_by_russian_text(client, content):
    for query in ("посольства", "Визы", "Приём"):
        assert result_titles(client.get("/news/search/", {"q": query})) == [], query
    assert result_titles(client.get("/news/search/", {"q": "Visas"})) == [
        "Visas for the guests of the Embassy",  # in its title: first
        "Statement of the Embassy on the consular section",
    ]


def test_a_result_shows_the_pages_language_and_links_to_its_address(client, content):
    html = main(russian(client, "Визы"))
    article = Article.objects.get(title_ru__startswith="Заявление")
    with translation.override("ru"):
        assert article.get_absolute_url().startswith("/ru/news/")
        assert f'href="{article.get_absolute_url()}"' in html
    assert "Заявление посольства о консульском отделе" in html
    assert "<mark>Визы</mark> снова выдаются" in html
    assert "Отдел снова открыт" in html  # the Russian lead, in the excerpt
    assert "Statement" not in html and "reopens" not in html


def test_the_search_follows_every_write_in_every_language(frozen):
    """Whoever writes a language's text (save(), update(), the bulk writes, delete()), the
    search of that language reads it: the vector columns and FTS5 indexes follow."""
    article = make_article("Talks in Tbilisi", title_ru="Переговоры в Тбилиси")
    assert found("Tbilisi", "en") == {"Talks in Tbilisi"}
    assert found("Тбилиси", "ru") == {"Переговоры в Тбилиси"}

    article.title_ru = "Переговоры в Баку"
    article.save()
    assert found("Баку", "ru") == {"Переговоры в Баку"}
    assert found("Тбилиси", "ru") == set()
    assert found("Tbilisi", "en") == {"Talks in Tbilisi"}  # English untouched

    Article.objects.filter(pk=article.pk).update(title_ru="Переговоры в Минске", title_en="Minsk")
    assert found("Минске", "ru") == {"Переговоры в Минске"}
    assert found("Баку", "ru") == set()
    assert found("Minsk", "en") == {"Minsk"}

    Event.objects.bulk_create(
        Event(
            title_en=f"Exhibition {n}",
            title_ru=f"Выставка {n}",
            body_en="<p>Paintings.</p>",
            body_ru="<p>Картины.</p>",
            slug=f"exhibition-{n}",
            status=Status.PUBLISHED,
            published_at=NOW,
            starts_on=NOW.date(),
        )
        for n in range(3)
    )
    assert len(found("Выставка", "ru")) == len(found("Картины", "ru")) == 3
    events = list(Event.objects.order_by("pk"))
    events[0].title_ru = "Концерт"
    Event.objects.bulk_update(events[:1], ["title_ru"])
    assert found("Концерт", "ru") == {"Концерт"}
    assert found("Выставка", "ru") == {"Выставка 1", "Выставка 2"}
    assert len(found("Exhibition", "en")) == 3

    article.delete()
    assert found("Минске", "ru") == found("Minsk", "en") == set()


def test_each_language_has_its_text_search_configuration():
    assert search_vectors.text_search_config("en") == "english"
    assert search_vectors.text_search_config("ru") == "russian"
    assert search_vectors.text_search_config("pt-br") == "portuguese"
    assert search_vectors.text_search_config("hy") == "armenian"
    # No stemming for a language PostgreSQL has no configuration for: words as they are.
    assert search_vectors.text_search_config("ka") == "simple"
    assert search_vectors.vector_column("pt-br") == "search_vector_pt_br"


def search_structures() -> set[str]:
    """The search columns and indexes there are: PostgreSQL's vector columns, SQLite's FTS5
    tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            found = set()
            for table in ("news_article", "news_event"):
                description = connection.introspection.get_table_description(cursor, table)
                found |= {f"{table}.{c.name}" for c in description if "vector" in c.name}
            return found
        return {
            name
            for name in connection.introspection.table_names(cursor)
            if re.fullmatch(r"news_(article|event)_fts(_[a-z_]+)?", name)
            and not name.endswith(("_data", "_idx", "_docsize", "_config", "_content"))
        }


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_to_the_english_index_and_forward_again():
    make_article("Talks in Tbilisi", title_ru="Переговоры в Тбилиси")
    if connection.vendor == "postgresql":
        per_language = {
            f"{table}.{search_vectors.vector_column(code)}"
            for table in ("news_article", "news_event")
            for code in ("en", "ru")
        }
        english_only = {"news_article.search_vector", "news_event.search_vector"}
    else:
        per_language = {
            index.fts_table
            for index in sqlite_search_index.indexed_tables(
                [search.ArticleSearch(), search.EventSearch()]
            )
        }
        english_only = {"news_article_fts", "news_event_fts"}
    assert search_structures() == per_language

    call_command("migrate", "news", "0010", verbosity=0)
    assert search_structures() == english_only

    call_command("migrate", "news", verbosity=0)
    assert search_structures() == per_language
    assert found("Тбилиси", "ru") == {"Переговоры в Тбилиси"}
    assert found("Tbilisi", "en") == {"Talks in Tbilisi"}


def test_a_language_the_site_drops_loses_its_index_before_a_migration_removes_its_columns():
    """Removing a language from LANGUAGES, then its columns with makemigrations and migrate
    (README): the migrate drops that language's vector column or FTS5 index first, since
    PostgreSQL refuses to drop a column a generated one reads and SQLite one a trigger reads."""
    make_article("Talks in Tbilisi", title_ru="Переговоры в Тбилиси")
    with override_settings(LANGUAGES=[("en", "English")]):
        emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
        if connection.vendor == "postgresql":
            assert search_structures() == {
                "news_article.search_vector_en",
                "news_event.search_vector_en",
            }
        else:
            assert search_structures() == {"news_article_fts_en", "news_event_fts_en"}
        with connection.cursor() as cursor:
            for column in ("title_ru", "lead_ru", "body_ru"):
                cursor.execute(f"ALTER TABLE news_article DROP COLUMN {column}")
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # nothing back
        assert len(search_structures()) == 2
