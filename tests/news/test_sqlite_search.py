"""SQLite's search: the FTS5 indexes of each language (news.sqlite_search_index) follow every
write, a visitor's query is only ever words to them, and the search is served from them."""

import pytest
from django.db import connection
from django.utils import translation

from news import search
from news.lib.search_text import clean_query
from news.models import Article, Event, Status
from tests.factories import make_article, make_event
from tests.helpers import assert_no_text_is_matched_with_like

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 indexes"),
]

LANGUAGES = ("en", "ru")
FTS_TABLES = {
    (model, language): f"{model._meta.db_table}_fts_{language}"
    for model in (Article, Event)
    for language in LANGUAGES
}
# Upper case Cyrillic, which the index folds to lower case as LIKE did not.
CYRILLIC_TITLE = "Встреча в ЕРЕВАНЕ"


def found(query: str, language: str = "en") -> set[str]:
    """Titles (in `language`) of the items the site's search finds for a visitor reading
    `language`."""
    with translation.override(language):
        rows = search.matches(clean_query(query))
        title = f"title_{language}"
        titles = {
            **{(search.ARTICLE, pk): text for pk, text in Article.objects.values_list("pk", title)},
            **{(search.EVENT, pk): text for pk, text in Event.objects.values_list("pk", title)},
        }
        return {titles[row["entry_type"], row["entry_id"]] for row in rows}


def indexed(model, fts_query: str, language: str = "en") -> set[int]:
    """Ids whose entry in the model's FTS5 index of `language` matches, read from the index
    alone: with an external content table a stale entry would not show through a join with the
    table."""
    fts = FTS_TABLES[model, language]
    with connection.cursor() as cursor:
        sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608 - our table name
        cursor.execute(sql, [fts_query])
        return {row[0] for row in cursor.fetchall()}


def assert_indexes_match_the_tables():
    """FTS5's own check that every index holds exactly the words of its table's rows."""
    with connection.cursor() as cursor:
        for fts in FTS_TABLES.values():
            check = f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"  # noqa: S608
            cursor.execute(check)


def test_the_indexes_and_their_triggers_exist():
    """An index per table and language, over that language's columns, and its triggers, and
    nothing left of migration 0007's index of the original columns. Django alters a SQLite
    table by remaking it, which drops its triggers: a migration that remakes news_article or
    news_event must see them created again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
        for (model, language), fts in FTS_TABLES.items():
            assert fts in connection.introspection.table_names()
            for event in ("insert", "delete", "update"):
                assert f"{fts}_after_{event}" in triggers
            cursor.execute("SELECT name FROM pragma_table_info(%s)", [fts])
            columns = [row[0] for row in cursor.fetchall()]
            summary = "lead" if model is Article else "teaser"
            assert columns == [f"title_{language}", f"{summary}_{language}", f"body_{language}"]
    # The news tables' own: nothing else writes to their indexes (pages have theirs).
    assert len({name for name in triggers if name.startswith("news_")}) == 3 * len(FTS_TABLES)
    assert "news_article_fts" not in connection.introspection.table_names()


@pytest.mark.parametrize("make", [make_article, make_event])
def test_the_index_follows_inserts_updates_and_deletes(make):
    item = make("Visit of the Ambassador to Tbilisi", body="<p>Talks on shipping.</p>")
    model = type(item)
    assert indexed(model, "tbilisi") == indexed(model, "shipping") == {item.pk}
    assert found("Tbilisi") == {"Visit of the Ambassador to Tbilisi"}

    item.title = "Visit of the Ambassador to Baku"
    item.save()
    assert indexed(model, "baku") == {item.pk}
    assert indexed(model, "tbilisi") == set()
    assert found("Baku") == {"Visit of the Ambassador to Baku"}
    assert found("Tbilisi") == set()
    assert found("Tbilisi", "ru") == {"Visit of the Ambassador to Tbilisi"}  # not translated yet

    item.title_ru = "Визит посла в Баку"
    item.save()
    assert indexed(model, "визит", "ru") == {item.pk}
    assert indexed(model, "tbilisi", "ru") == indexed(model, "визит") == set()
    assert found("Баку", "ru") == {"Визит посла в Баку"}
    assert found("Tbilisi", "ru") == set()

    item.delete()
    assert indexed(model, "baku") == indexed(model, "shipping") == set()
    assert indexed(model, "баку", "ru") == indexed(model, "shipping", "ru") == set()
    assert_indexes_match_the_tables()


def test_the_index_follows_bulk_create_and_queryset_update():
    Article.objects.bulk_create(
        Article(
            title=f"Bulk statement {n}",
            title_ru=f"Общее заявление {n}",
            slug=f"bulk-{n}",
            status=Status.PUBLISHED,
        )
        for n in range(3)
    )
    assert len(found("bulk statement")) == 3
    assert len(found("общее заявление", "ru")) == 3

    # update(title=…) writes the current language's column (django-modeltranslation).
    Article.objects.filter(slug="bulk-0").update(title="Renamed communique")
    assert found("communique") == {"Renamed communique"}
    assert len(found("bulk")) == 2
    assert len(found("общее", "ru")) == 3
    with translation.override("ru"):
        Article.objects.filter(slug="bulk-1").update(title="Коммюнике")
    assert found("КОММЮНИКЕ", "ru") == {"Коммюнике"}
    assert len(found("общее", "ru")) == 2
    assert found("communique") == {"Renamed communique"}
    assert_indexes_match_the_tables()


def test_a_change_of_status_alone_leaves_the_index_as_it_is():
    """The update trigger rewrites an entry only when the text changes; publishing a draft
    still makes it findable, since visibility is the table's."""
    draft = make_event("Reception in Oslo", status=Status.DRAFT, teaser="Fjords")
    assert found("Oslo") == set()
    Event.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert found("Oslo fjords") == {"Reception in Oslo"}
    assert indexed(Event, "oslo") == indexed(Event, "oslo", "ru") == {draft.pk}
    assert_indexes_match_the_tables()


@pytest.fixture
def items():
    make_article(
        "Statement on the security council",
        lead="Near-term OR long-term options.",
        body="<p>Adopted unanimously.</p>",
    )
    make_article("Café culture in Yerevan", body="<p>Coffee and conversation.</p>")
    make_event(CYRILLIC_TITLE, teaser="Культурная программа.")
    make_article("Press release about quotes", body='<p>He said "title:Yerevan" twice.</p>')


def test_cyrillic_words_match_by_their_beginning_whatever_their_case():
    """FTS5's unicode61 tokenizer folds Cyrillic case as SQLite's LIKE and lower() do not."""
    make_article(
        "Embassy statement",
        title_ru="Заявление ПОСОЛЬСТВА",
        body_ru="<p>В посольстве прошла встреча.</p>",
    )
    make_event("Reception", title_ru="Приём", teaser_ru="Посольство приглашает.")
    everything = {"Заявление ПОСОЛЬСТВА", "Приём"}
    assert found("посольств", "ru") == everything
    assert found("ПОСОЛЬСТВ", "ru") == everything
    assert found("ПОСОЛЬСТВО", "ru") == {"Приём"}
    assert found("посольство", "ru") == {"Приём"}
    assert found("посольства", "ru") == {"Заявление ПОСОЛЬСТВА"}
    assert found("заявление", "ru") == {"Заявление ПОСОЛЬСТВА"}
    assert found("посольство", "en") == set()


def test_words_match_by_their_beginning_whatever_their_case_or_accents(items):
    assert found("secur") == {"Statement on the security council"}
    # Only beginnings: LIKE found "curity" inside "security", the index does not.
    assert found("curity") == set()
    assert found("cafe YEREVAN") == {"Café culture in Yerevan"}
    assert found("ереване") == {CYRILLIC_TITLE}
    assert found("Yerevan -café") == {"Press release about quotes"}
    assert found("-yerevan -security") == {CYRILLIC_TITLE}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', set()),
        ("*", set()),
        ("-", set()),
        ("^", set()),
        (":", set()),
        ("_", set()),
        ("__ *", set()),
        ("🙂", set()),
        ("NEAR(", {"Statement on the security council"}),
        ("NEAR(Yerevan culture)", set()),
        ("OR", {"Statement on the security council"}),
        ("security OR council", {"Statement on the security council"}),
        ("security OR Yerevan", set()),
        ("sec*", {"Statement on the security council"}),
        ("^security", {"Statement on the security council"}),
        ('"council security"', {"Statement on the security council"}),
        (
            "-security -",
            {"Café culture in Yerevan", "Press release about quotes", CYRILLIC_TITLE},
        ),
        ("title:Yerevan", {"Press release about quotes"}),
        ("title : culture", set()),
        ("{title}:Yerevan", {"Press release about quotes"}),
        ("yerevan _", {"Café culture in Yerevan", "Press release about quotes"}),
        ("'; DROP TABLE news_article; --", set()),
        ('") OR ("1', set()),
        ('security" OR "x', set()),
        ("x" * 200, set()),
    ],
)
def test_a_query_is_words_never_fts5_syntax_or_sql(items, query, expected):
    assert found(query) == expected
    assert Article.objects.count() == 3
    assert_indexes_match_the_tables()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_matches_are_read_from_the_indexes_of_the_language(language):
    query = clean_query("security -yerevan")
    with translation.override(language):
        matches = search.matches(query)
        sql, params = matches.query.sql_with_params()
    assert_no_text_is_matched_with_like(sql)
    assert query not in sql and "security" not in sql
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(row[-1] for row in cursor.fetchall())
    assert f"SCAN news_article_fts_{language} VIRTUAL TABLE INDEX" in plan
    assert f"SCAN news_event_fts_{language} VIRTUAL TABLE INDEX" in plan
    assert "_fts " not in plan and "_fts_" + {"en": "ru", "ru": "en"}[language] not in plan


def test_after_a_migrate_lost_triggers_are_back_and_the_index_caught_up():
    """As after a migration that made Django remake news_article: its triggers are gone and the
    index misses what was written since. The next migrate (its post_migrate signal) repairs."""
    from django.core.management.sql import emit_post_migrate_signal

    article = make_article("Talks in Yerevan", slug="talks")
    with connection.cursor() as cursor:
        for event in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER news_article_fts_en_after_{event}")
            # As on a site that adds a language: no index of it yet.
            cursor.execute(f"DROP TRIGGER news_event_fts_ru_after_{event}")
        cursor.execute("DROP TABLE news_event_fts_ru")
    article.title = "Talks in Minsk"
    article.save()
    make_article("Visit to Baku", slug="baku")
    make_event("Reception", title_ru="Приём")
    assert indexed(Article, "Minsk") == set()
    assert indexed(Article, "Baku") == set()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    test_the_indexes_and_their_triggers_exist()
    assert indexed(Article, "Minsk") == {article.pk}
    assert indexed(Article, "Yerevan") == set()
    assert found("Baku") == {"Visit to Baku"}
    assert found("Приём", "ru") == {"Приём"}
    assert_indexes_match_the_tables()
