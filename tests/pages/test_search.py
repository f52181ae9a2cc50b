"""Standing pages in the visitors' search, beside articles and events (embassy.pages.search): in
the visitor's language only, and only pages a visitor can reach. Every test runs on both
databases (`DATABASE_URL=postgres://…` for PostgreSQL)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from embassy.pages.models import Page
from embassy.pages.search import PAGE
from news import search
from news.lib.search_text import clean_query
from news.models import Status
from tests.factories import make_article, make_event, make_page
from tests.helpers import frozen_at, main, page_queries, text, warm_header

pytestmark = pytest.mark.django_db

NOW = datetime(2022, 6, 28, 12, 0, tzinfo=UTC)
frozen = frozen_at(NOW)
LANGUAGES = ("en", "ru")
AMBASSADOR_RU = "Чрезвычайный и полномочный посол"


def results(response) -> list[tuple[str, str]]:
    """(kind, title) of each result, as a visitor reads them."""
    html = main(response)
    found = re.findall(
        r'<span class="item-kind">([^<]*)</span>.*?<h3 class="entry__title"><a href="[^"]+">'
        r"(.*?)</a></h3>",
        html,
        flags=re.S,
    )
    return [(kind, re.sub(r"</?mark>", "", title)) for kind, title in found]


def found(query: str, language: str = "en") -> set[str]:
    """Titles (in `language`) of the pages the search finds for a visitor reading it."""
    with translation.override(language):
        ids = [row["entry_id"] for row in search.matches(clean_query(query))]
    pages = Page.objects.filter(pk__in=ids)
    return set(pages.values_list(f"title_{language}", flat=True))


@pytest.fixture
def embassy():
    """The embassy's section: a page with one below it, in both languages."""
    top = make_page(
        "The Embassy",
        title_ru="Посольство",
        slug="embassy",
        lead="Who we are.",
        lead_ru="Кто мы.",
        body="<p>The embassy building stands in Kensington.</p>",
        body_ru="<p>Здание посольства стоит в Кенсингтоне.</p>",
        published_at=NOW - timedelta(days=30),
    )
    make_page(
        "The Ambassador",
        title_ru=AMBASSADOR_RU,
        parent=top,
        slug="ambassador",
        lead="The head of the mission.",
        lead_ru="Глава миссии.",
        body="<p>He presented credentials to the monarch.</p>",
        body_ru="<p>Он вручил верительные грамоты монарху.</p>",
        published_at=NOW - timedelta(days=30),
    )
    return top


def test_a_page_is_found_by_a_word_of_its_body_in_english(client, embassy):
    response = client.get("/news/search/", {"q": "credentials"})
    assert results(response) == [("Page", "The Ambassador")]
    html = main(response)
    assert '<a href="/embassy/ambassador/">The Ambassador</a>' in html
    assert '<span class="search-address">/embassy/ambassador/</span>' in html
    assert "presented <mark>credentials</mark> to the monarch" in html
    assert "1 result for “credentials”" in text(response)


def test_a_page_is_found_by_a_word_of_its_body_in_russian(client, embassy):
    response = client.get("/ru/news/search/", {"q": "грамоты"})
    assert results(response) == [("Страница", AMBASSADOR_RU)]
    html = main(response)
    assert f'<a href="/ru/embassy/ambassador/">{AMBASSADOR_RU}</a>' in html
    assert '<span class="search-address">/ru/embassy/ambassador/</span>' in html
    assert "верительные <mark>грамоты</mark> монарху" in html
    assert "The Ambassador" not in html and "credentials" not in html


def test_a_page_is_found_by_its_title_and_lead_too(embassy):
    assert found("Ambassador") == {"The Ambassador"}
    assert found("mission") == {"The Ambassador"}
    assert found("полномочный", "ru") == {AMBASSADOR_RU}
    assert found("миссии", "ru") == {AMBASSADOR_RU}


def test_each_language_searches_its_own_text_only(embassy):
    assert found("credentials", "ru") == set()
    assert found("грамоты", "en") == set()


def test_russian_words_are_found_whatever_their_case_or_ending(embassy):
    """PostgreSQL: the Russian configuration's stemming; SQLite: words by their beginning, the
    FTS5 tokenizer folding Cyrillic case."""
    assert found("ЗДАНИЕ", "ru") == {"Посольство"}
    assert found("посольства", "ru") == {"Посольство"}
    if connection.vendor == "postgresql":
        assert found("посольству", "ru") == {"Посольство"}
        assert found("грамота", "ru") == {AMBASSADOR_RU}
    else:
        assert found("ПОСОЛЬСТВ", "ru") == {"Посольство"}
        assert found("грамот", "ru") == {AMBASSADOR_RU}


def test_drafts_scheduled_pages_and_pages_below_them_are_never_found(client, embassy):
    draft = make_page("Visa draft", slug="visas", status=Status.DRAFT, body="<p>Kensington</p>")
    make_page("Below a draft", parent=draft, body="<p>Kensington gardens.</p>")
    scheduled = make_page(
        "Scheduled Kensington notes", slug="notes", published_at=NOW + timedelta(minutes=1)
    )
    make_page("Below a scheduled page", parent=scheduled, body="<p>Kensington again.</p>")
    deep = make_page("Deep", parent=make_page("Drafted section", status=Status.DRAFT))
    make_page("Kensington two levels below a draft", parent=deep)
    for language, query in (("en", "Kensington"), ("ru", "Кенсингтоне")):
        assert found(query, language) == {{"en": "The Embassy", "ru": "Посольство"}[language]}, (
            language
        )
    page = text(client.get("/news/search/", {"q": "Kensington"}))
    assert "1 result for “Kensington”" in page
    assert "draft" not in page.lower() and "Scheduled" not in page and "Below" not in page

    Page.objects.filter(slug="visas").update(status=Status.PUBLISHED)
    assert found("Kensington") == {"The Embassy", "Visa draft", "Below a draft"}


def test_a_page_below_an_untranslated_one_is_still_found_in_russian(embassy):
    """As the page itself is shown in Russian below a parent without Russian text (its
    breadcrumbs fall back to English): only the page's own language counts."""
    parent = make_page("Consular services", slug="consular-services", translate=False)
    make_page(
        "Passports",
        title_ru="Паспорта",
        parent=parent,
        body="<p>Renewal of passports.</p>",
        body_ru="<p>Замена паспортов.</p>",
    )
    assert found("паспортов", "ru") == {"Паспорта"}
    assert found("Consular", "ru") == found("Консульские", "ru") == set()


def test_a_page_without_a_russian_translation_is_never_found_on_russian_pages(client, embassy):
    make_page(
        "Privacy notice",
        slug="privacy",
        body="<p>What the embassy keeps about visitors to Kensington.</p>",
        translate=False,
    )
    assert found("Kensington") == {"The Embassy", "Privacy notice"}
    assert found("Privacy", "ru") == found("Kensington", "ru") == set()
    assert results(client.get("/ru/news/search/", {"q": "Privacy"})) == []
    assert found("Кенсингтоне", "ru") == {"Посольство"}


def test_pages_are_found_beside_articles_and_events(client, embassy):
    make_article(
        "The ambassador on trade",
        body="<p>On credentials and trade.</p>",
        published_at=NOW - timedelta(days=1),
    )
    make_event(
        "Reception for the ambassador",
        teaser="Credentials ceremony.",
        published_at=NOW - timedelta(days=2),
    )
    # Ranked together (the order is the ranking's: tests/news/test_search.py).
    assert sorted(results(client.get("/news/search/", {"q": "ambassador credentials"}))) == [
        ("Event", "Reception for the ambassador"),
        ("Page", "The Ambassador"),
        ("Speech", "The ambassador on trade"),
    ]


def test_the_search_follows_every_write_of_a_page(embassy):
    """The vector columns (PostgreSQL) and FTS5 indexes (SQLite) follow save(), update(), the
    bulk writes and delete(), in each language."""
    page = Page.objects.get(slug="ambassador")
    page.body_ru = "<p>Посол принял делегацию.</p>"
    page.save()
    assert found("делегацию", "ru") == {AMBASSADOR_RU}
    assert found("грамоты", "ru") == set()
    assert found("credentials") == {"The Ambassador"}

    Page.objects.filter(pk=page.pk).update(title_en="His Excellency")
    assert found("Excellency") == {"His Excellency"}
    assert found("Ambassador") == set()

    page.refresh_from_db()
    page.lead_en = "Appointed in June."
    Page.objects.bulk_update([page], ["lead_en"])
    assert found("appointed") == {"His Excellency"}

    page.delete()
    assert found("appointed") == found("делегацию", "ru") == set()
    assert found("Kensington") == {"The Embassy"}


def test_moving_a_page_keeps_it_findable(embassy):
    """A move rewrites paths, depths and areas in bulk; the text and its index stay."""
    page = Page.objects.get(slug="ambassador")
    page.parent = None
    page.save()
    assert found("credentials") == {"The Ambassador"}
    assert found("грамоты", "ru") == {AMBASSADOR_RU}


def add_pages(count: int, start: int = 0) -> None:
    """`count` published pages in a tree three levels deep, in both languages, with "routine"
    in their body only."""
    sections = max(1, count // 10)
    body = "<p>Routine text about the week's visits.</p>"
    tops = [
        make_page(f"Section {start + n}", slug=f"section-{start + n}", body=body)
        for n in range(sections)
    ]
    middles = [
        make_page(f"Part {start + n}", parent=top, slug=f"part-{start + n}", body=body)
        for n, top in enumerate(tops)
    ]
    for n in range(count - 2 * sections):
        parent = middles[n % sections]
        make_page(f"Page {start + n}", parent=parent, slug=f"page-{start + n}", body=body)


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    ("language", "path"), [("en", "/news/search/"), ("ru", "/ru/news/search/")]
)
def test_a_results_page_costs_the_same_with_5_pages_and_with_500(
    client, django_assert_num_queries, language, path
):
    # "Routine" in their title too: first on the page, beside pages, on both databases.
    make_article("Routine article", lead="Routine.", body="<p>Routine.</p>")
    make_event("Routine event", teaser="Routine.", body="<p>Routine.</p>")
    for count, start in ((5, 0), (495, 5)):
        add_pages(count, start)
        with translation.override(language):  # remembered per language, for the content
            warm_header()
        # The count, the page of ids, and one query per table on the page: articles, events
        # and pages.
        with django_assert_num_queries(page_queries(5)):
            response = client.get(path, {"q": "Routine"})
        kinds = [kind for kind, _title in results(response)]
        assert len(kinds) == min(2 + Page.objects.count(), 20)
        assert len(set(kinds)) == 3
    assert Page.objects.count() == 500


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_are_searched_in_the_database_text_search_of_the_language(language):
    """PostgreSQL: the stored vector column of the page's language through its GIN index;
    SQLite: the FTS5 index of the language, never LIKE on the text."""
    routine = "<p>Routine text about the week's meetings and visits.</p>" * 25
    Page.objects.bulk_create(
        Page(
            slug=f"routine-{n}",
            path=f"routine-{n}",
            status=Status.PUBLISHED,
            published_at=NOW - timedelta(hours=n),
            title_en="Routine",
            title_ru="Обычное",
            body_en=routine,
            body_ru=routine,
        )
        for n in range(1500)
    )
    make_page("Visas", title_ru="Визы", slug="visas", body_ru="<p>Визы</p>")
    with translation.override(language):
        matches = search.matches(clean_query({"en": "visas", "ru": "визы"}[language]))
        sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE pages_page")
            # Whether the vector's index can serve the query (text matching could not): the
            # planner's own choice also weighs the dead index entries that earlier tests'
            # rolled-back rows leave in the test database until a VACUUM.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on pages_page_search_vector_{language}_idx" in plan
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
            assert f"SCAN pages_page_fts_{language} VIRTUAL TABLE INDEX" in plan
            assert set(re.findall(r"(\S+) LIKE ", sql)) == {'"pages_page"."path"'}
        cursor.execute(sql, params)
        assert [(row[0], row[1]) for row in cursor.fetchall()] == [
            (PAGE, Page.objects.get(slug="visas").pk)
        ]


def search_structures() -> set[str]:
    """The pages' search columns (PostgreSQL) or FTS5 tables and triggers (SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            description = connection.introspection.get_table_description(cursor, "pages_page")
            return {column.name for column in description if "vector" in column.name}
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE (type = 'trigger' AND tbl_name = 'pages_page') "
            "OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%%' AND name LIKE 'pages%%')"
        )
        return {row[0] for row in cursor.fetchall()}


def expected_structures() -> set[str]:
    if connection.vendor == "postgresql":
        return {f"search_vector_{language}" for language in LANGUAGES}
    return {
        name
        for language in LANGUAGES
        for name in (
            f"pages_page_fts_{language}",
            *(
                f"pages_page_fts_{language}_after_{event}"
                for event in ("insert", "delete", "update")
            ),
        )
    }


def test_each_language_has_its_index_of_the_pages():
    assert search_structures() == expected_structures()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, "pages_page")
        for language in LANGUAGES:
            index = constraints[f"pages_page_search_vector_{language}_idx"]
            assert index["columns"] == [f"search_vector_{language}"] and index["type"] == "gin"


def test_after_a_migrate_a_lost_index_is_back_and_caught_up(embassy):
    """As after a migration that made Django remake pages_page (SQLite drops its triggers) or a
    site that adds a language: the next migrate's post_migrate signal repairs."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The parent keys are checked now, not at the end of the test's transaction:
            # PostgreSQL alters no table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE pages_page DROP COLUMN search_vector_ru")
        else:
            for event in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER pages_page_fts_ru_after_{event}")
            cursor.execute("DROP TABLE pages_page_fts_ru")
    make_page("Visas", title_ru="Визы", slug="visas")
    assert search_structures() < expected_structures()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert search_structures() == expected_structures()
    assert found("Визы", "ru") == {"Визы"}
    assert found("грамоты", "ru") == {AMBASSADOR_RU}


@pytest.mark.django_db(transaction=True)
def test_the_migration_takes_the_indexes_away_and_back():
    from django.core.management import call_command

    make_page("Visas", title_ru="Визы", slug="visas")
    call_command("migrate", "pages", "0001", verbosity=0)
    assert search_structures() == set()

    call_command("migrate", "pages", verbosity=0)
    assert search_structures() == expected_structures()
    assert found("Визы", "ru") == {"Визы"}
    assert found("Visas") == {"Visas"}


def test_a_query_of_the_pages_reads_nothing_but_the_page_of_results(client, embassy):
    """The page's items are read by id; the matches' query holds only their kinds, ids,
    times and ranks."""
    with CaptureQueriesContext(connection) as captured:
        client.get("/news/search/", {"q": "credentials"})
    page_reads = [q["sql"] for q in captured if 'FROM "pages_page"' in q["sql"]]
    assert any("UNION ALL" in sql for sql in page_reads)
    assert any('"pages_page"."id" IN' in sql and "UNION" not in sql for sql in page_reads)
