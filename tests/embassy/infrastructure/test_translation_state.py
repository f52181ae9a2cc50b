"""Whether each translation is missing, outdated or up to date (translation_state), on every
translated model that keeps it: the flag raised when the default language's text changes after
the translation was saved, cleared when the translation is saved, and kept right by the bulk
writes."""

import contextlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consular.models import Notice
from embassy.infrastructure import translation_state
from embassy.infrastructure.translation_state import Status
from embassy.sitewide.models import Clock
from news.models import Article, Event
from news.models import Status as Publication
from tests.factories import (
    in_every_language,
    make_article,
    make_clock,
    make_contact_point,
    make_counter,
    make_event,
)

pytestmark = pytest.mark.django_db


def make_notice(translate=True, **fields):
    fields = in_every_language(
        Notice, {"title": "Closed on Monday", "text": "A holiday.", **fields}, translate
    )
    return Notice.objects.create(**fields)


# Each translated model with a state, its factory, and one of its translated fields.
MODELS = [
    pytest.param(make_article, "title", id="article"),
    pytest.param(make_event, "teaser", id="event"),
    pytest.param(make_contact_point, "name", id="contact point"),
    pytest.param(make_notice, "text", id="notice"),
    pytest.param(make_clock, "city", id="clock"),
    pytest.param(make_counter, "note", id="counter"),
]


def reloaded(obj):
    return type(obj).objects.get(pk=obj.pk)


def change(obj, **values):
    """The row read again, changed as a form would and saved: as the admin does."""
    obj = reloaded(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return reloaded(obj)


@pytest.mark.parametrize("make, field", MODELS)
def test_the_translation_is_outdated_once_the_default_text_changes_and_current_once_saved(
    make, field
):
    item = make()
    assert item.translation_status("ru") == Status.UP_TO_DATE

    item = change(item, **{f"{field}_en": "Changed in English"})
    assert item.outdated_translations == ",ru,"
    assert item.translation_status("ru") == Status.OUTDATED
    assert type(item).objects.filter(translation_state.outdated_in("ru")).get() == item

    item = change(item, **{f"{field}_ru": "Изменено по-русски"})
    assert item.outdated_translations == ""
    assert item.translation_status("ru") == Status.UP_TO_DATE
    assert item.translation_sources["ru"][field] == "Changed in English"


def test_changing_both_languages_in_one_save_leaves_the_translation_up_to_date():
    article = change(make_article(), title_en="New title", title_ru="Новый заголовок")
    assert not article.is_outdated_in("ru")
    assert article.translation_sources["ru"]["title"] == "New title"


def test_a_save_that_leaves_the_translation_alone_keeps_it_outdated():
    article = change(make_article(), lead_en="A new lead")
    article = change(article, status=Publication.DRAFT, lead_en="A new lead")
    assert article.is_outdated_in("ru")


def test_the_default_text_changed_back_makes_the_translation_current_again():
    article = make_article(title="Original")
    article = change(article, title_en="Changed")
    assert article.is_outdated_in("ru")
    assert not change(article, title_en="Original").is_outdated_in("ru")


def test_a_translator_marks_a_translation_that_needs_no_change_as_up_to_date():
    article = change(make_article(), body_en="<p>Typo fixed.</p>")
    article.mark_up_to_date("ru")
    article.save()
    assert not reloaded(article).is_outdated_in("ru")
    assert reloaded(article).translation_sources["ru"]["body"] == "<p>Typo fixed.</p>"


def test_a_save_of_other_fields_only_leaves_the_state_alone_and_one_of_a_translation_records_it():
    article = reloaded(make_article())
    article.title_en = "Changed, not saved"
    article.save(update_fields=["status"])
    assert not reloaded(article).is_outdated_in("ru")
    article.save(update_fields=["title_en"])
    assert reloaded(article).is_outdated_in("ru")


def test_the_current_language_writes_its_own_column_through_the_original_name():
    article = reloaded(make_article())
    article.title = "Changed through the original field"  # English is active
    article.save()
    assert reloaded(article).is_outdated_in("ru")


def test_an_untranslated_item_is_missing_its_translation_and_never_outdated():
    article = make_article(translate=False)
    assert article.translation_sources == {}
    article = change(article, title_en="Changed")
    assert article.outdated_translations == ""
    assert article.translation_status("ru") == Status.MISSING
    # A translation written later is made from the text of the day.
    article = change(article, title_ru="Переведено", body_ru="<p>Текст.</p>")
    assert article.translation_status("ru") == Status.UP_TO_DATE
    assert article.translation_sources["ru"]["title"] == "Changed"


def test_a_partial_translation_is_missing_and_missing_prevails_over_outdated():
    article = make_article(lead="A lead", lead_ru="")
    assert article.translation_status("ru") == Status.MISSING
    article = change(article, title_en="Changed")
    assert article.is_outdated_in("ru")
    assert article.translation_status("ru") == Status.MISSING


@pytest.mark.parametrize("make, field", MODELS)
def test_the_conditions_find_what_each_row_says_of_itself(make, field):
    up_to_date = make()
    outdated = change(make(), **{f"{field}_en": "Changed in English"})
    missing = make(translate=False)
    model = type(up_to_date)
    for status, expected in [
        (Status.MISSING, missing),
        (Status.OUTDATED, outdated),
        (Status.UP_TO_DATE, up_to_date),
    ]:
        found = model.objects.filter(translation_state.conditions(model, "ru")[status])
        assert list(found) == [expected], status
        assert reloaded(expected).translation_status("ru") == status


def test_update_of_the_default_text_outdates_the_rows_it_writes_and_only_those():
    written, other = make_article(), make_article()
    Article.objects.filter(pk=written.pk).update(title_en="Changed in bulk")
    assert reloaded(written).is_outdated_in("ru")
    assert not reloaded(other).is_outdated_in("ru")


def test_update_of_a_translation_clears_the_flag_and_of_both_leaves_it_clear():
    article = change(make_article(), title_en="Changed")
    Article.objects.filter(pk=article.pk).update(title_ru="Изменено")
    assert not reloaded(article).is_outdated_in("ru")
    Article.objects.filter(pk=article.pk).update(title_en="Again", title_ru="Снова")
    assert not reloaded(article).is_outdated_in("ru")
    assert reloaded(article).translation_sources["ru"]["title"] == "Again"


def test_update_through_the_original_name_writes_the_current_language():
    event = make_event()
    Event.objects.filter(pk=event.pk).update(title="Changed")  # English is active
    assert reloaded(event).is_outdated_in("ru")


def test_an_update_of_no_translated_column_costs_no_query_more(monkeypatch):
    """The translations' state adds no query to it (the versions make their own)."""
    article = make_article()

    def queries(status) -> int:
        with CaptureQueriesContext(connection) as captured:
            Article.objects.filter(pk=article.pk).update(status=status)
        return len(captured)

    with_state = queries(Publication.DRAFT)
    monkeypatch.setattr(
        translation_state, "kept_current", lambda queryset, kwargs: contextlib.nullcontext()
    )
    assert queries(Publication.PUBLISHED) == with_state


def test_bulk_update_outdates_rows_whose_default_text_it_changes():
    articles = [reloaded(make_article()), reloaded(make_article())]
    articles[0].title_en = "Changed in bulk"
    articles[1].title_ru = "Изменено"  # a translation changed alone stays current
    Article.objects.bulk_update(articles, ["title_en", "title_ru"])
    assert reloaded(articles[0]).is_outdated_in("ru")
    assert not reloaded(articles[1]).is_outdated_in("ru")
    # The objects are as saved: written again unchanged, nothing moves.
    Article.objects.bulk_update(articles, ["title_en", "title_ru"])
    assert reloaded(articles[0]).is_outdated_in("ru")


def test_bulk_update_writes_the_state_it_worked_out_once():
    articles = [reloaded(make_article()), reloaded(make_article())]
    for article in articles:
        article.title_en += ", changed in bulk"
    with CaptureQueriesContext(connection) as captured:
        Article.objects.bulk_update(articles, ["title_en"])
    state_writes = [
        query
        for query in captured.captured_queries
        if query["sql"].startswith("UPDATE") and "translation_sources" in query["sql"]
    ]
    assert len(state_writes) == 1  # the batch's own UPDATE, not a second one after it
    assert all(reloaded(article).is_outdated_in("ru") for article in articles)


def test_bulk_create_records_the_source_of_each_translation():
    now = timezone.now()
    Clock.objects.bulk_create(
        [Clock(city_en="Paris", city_ru="Париж", time_zone="Europe/Paris", order=1)]
    )
    clock = Clock.objects.get(city_en="Paris")
    assert clock.translation_sources == {"ru": {"city": "Paris"}}
    Article.objects.bulk_create(
        [
            Article(
                title_en="Bulk",
                title_ru="Оптом",
                slug="bulk",
                body_en="<p>x</p>",
                body_ru="<p>х</p>",
                published_at=now - timedelta(days=1),
            )
        ]
    )
    assert Article.objects.get(slug="bulk").translation_sources["ru"]["title"] == "Bulk"


def test_the_migration_takes_every_existing_translation_as_up_to_date():
    article = change(make_article(), title_en="Changed")
    untranslated = make_article(translate=False)
    Article.objects.update(translation_sources={}, outdated_translations=",ru,")

    translation_state.mark_current(apps, None, {"news.Article": ["title", "lead", "body"]})

    article = reloaded(article)
    assert article.outdated_translations == ""
    assert article.translation_sources["ru"]["title"] == "Changed"
    assert reloaded(untranslated).translation_sources == {}


def test_a_row_read_without_its_translations_is_saved_with_its_state_as_it_was():
    article = change(make_article(), title_en="Changed")
    partial = Article.objects.only("status").get(pk=article.pk)
    partial.status = Publication.DRAFT
    partial.save()
    article = reloaded(article)
    assert article.status == Publication.DRAFT
    assert article.is_outdated_in("ru")
    assert article.translation_sources["ru"]["title"] != "Changed"
