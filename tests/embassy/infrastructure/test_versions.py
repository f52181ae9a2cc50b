"""Versions of the content (embassy/infrastructure/versions.py): every way of writing a content
row keeps a version with who and when; a contact point's version carries its numbers and hours;
old versions are pruned after VERSIONS_KEPT_DAYS but each item keeps its latest; restore()
writes a version back through the model's own full_clean() and save()."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import reversion
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from consular.models import ContactPoint, HoursException, Notice, OpeningHours, PhoneNumber
from embassy.infrastructure import caching, versions
from embassy.pages.models import Page
from embassy.sitewide.models import Clock, IncidentCounter, Redirect
from news import pictures
from news.models import Article, Event, Kind, Status
from tests.factories import (
    make_article,
    make_clock,
    make_contact_point,
    make_counter,
    make_event,
)
from tests.news import image_files
from tests.news.image_files import media_files, upload

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    Article,
    Event,
    Clock,
    IncidentCounter,
    ContactPoint,
    PhoneNumber,
    OpeningHours,
    HoursException,
    Notice,
    Redirect,
    Page,
]


def history(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision").order_by("pk"))


# Registration


def test_every_content_model_is_versioned_with_all_its_fields():
    """Every model the cache counts as content keeps versions of every column it has, those an
    app adds later (translations' columns) included: were a model registered before another
    app added its fields, this fails. Only the translations' bookkeeping is left out."""
    bookkeeping = {"translation_sources", "outdated_translations"}
    assert set(caching.content_models()) == set(CONTENT_MODELS)
    for model in CONTENT_MODELS:
        assert reversion.is_registered(model), model
        columns = {field.name for field in model._meta.concrete_fields} - bookkeeping
        assert set(_get_options(model).fields) == columns, model


# Every save path


def test_a_plain_save_from_code_keeps_a_version_without_a_user():
    article = make_article(title="First words")
    article.title = "Second words"
    article.save()
    kept = history(article)
    assert [v.field_dict["title"] for v in kept] == ["First words", "Second words"]
    assert all(v.revision.user is None and v.revision.comment == "" for v in kept)


@pytest.mark.parametrize(
    "make", [make_article, make_event, make_clock, make_counter, make_contact_point]
)
def test_each_content_model_keeps_a_version_of_a_plain_save(make):
    obj = make()
    # A contact point made with a number: a version for each save (the number's is its
    # contact point's too).
    assert len(history(obj)) == (2 if isinstance(obj, ContactPoint) else 1)


def test_a_notice_keeps_a_version_of_a_plain_save():
    notice = Notice.objects.create(title="Closed on Monday", text="Closed.")
    assert history(notice)[0].field_dict["title"] == "Closed on Monday"


def test_a_save_inside_a_revision_joins_it_and_makes_no_second_one():
    with reversion.create_revision():
        reversion.set_comment("together")
        first, second = make_article(), make_article()
    assert history(first)[0].revision == history(second)[0].revision
    assert Revision.objects.count() == 1


def test_a_rolled_back_save_leaves_no_version():
    article = make_article(title="Kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "Rolled back"
        article.save()
        raise RuntimeError
    assert [v.field_dict["title"] for v in history(article)] == ["Kept"]


def test_a_queryset_update_keeps_a_version_of_each_row_it_changed():
    articles = [make_article(status=Status.DRAFT) for _ in range(3)]
    untouched = make_article(status=Status.DRAFT, kind=Kind.COMMENT)
    Article.objects.filter(kind=Kind.SPEECH).update(status=Status.PUBLISHED)
    for article in articles:
        assert [v.field_dict["status"] for v in history(article)] == ["draft", "published"]
    assert len(history(untouched)) == 1
    # The three rows' versions are one revision.
    assert len({history(article)[-1].revision_id for article in articles}) == 1


def test_bulk_create_and_bulk_update_keep_versions():
    clocks = Clock.objects.bulk_create(
        [Clock(city="Moscow", time_zone="Europe/Moscow"), Clock(city="Paris", time_zone="UTC")]
    )
    assert all(len(history(clock)) == 1 for clock in clocks)
    clocks[1].time_zone = "Europe/Paris"
    Clock.objects.bulk_update(clocks, ["time_zone"])
    assert [v.field_dict["time_zone"] for v in history(clocks[1])] == ["UTC", "Europe/Paris"]


def test_the_demo_loader_keeps_one_revision_saying_which_command():
    call_command("load_demo", "--no-accounts", stdout=None)
    revisions = Revision.objects.all()
    assert len(revisions) == 1
    assert versions.describe(revisions[0].comment) == "Saved by the command “load_demo”."
    # Every item of the demo has its version, those written in bulk (weekly hours) too.
    for model in CONTENT_MODELS:
        count = model.objects.count()
        assert Version.objects.get_for_model(model).count() == count, model
        # The demo moves no page, so it leaves no redirect.
        assert count > 0 or model is Redirect, model


def test_generated_content_keeps_versions():
    call_command("generate_content", items=10, quiet=True, stdout=None)
    assert Version.objects.get_for_model(Article).count() == Article.objects.count() == 8
    assert Version.objects.get_for_model(Event).count() == Event.objects.count() == 2
    comments = set(Revision.objects.values_list("comment", flat=True))
    assert [versions.describe(comment) for comment in comments] == [
        "Saved by the command “generate_content”."
    ]


# Children


def test_a_contact_points_version_holds_its_numbers_and_hours():
    desk = make_contact_point(numbers=["+44 20 7946 0321", "+44 20 7946 0322"])
    OpeningHours.objects.create(contact_point=desk, weekday=0, opens=time(9), closes=time(12))
    latest = history(desk)[-1]
    kept = {
        relation.name: len(versions.child_versions(latest, relation))
        for relation in versions.child_relations(ContactPoint)
    }
    assert kept == {"phone_numbers": 2, "opening_hours": 1, "exceptions": 0}


def test_a_change_to_a_number_alone_is_a_version_of_its_contact_point():
    desk = make_contact_point(numbers=["+44 20 7946 0321"])
    before = len(history(desk))
    number = desk.phone_numbers.get()
    number.label = "Appointments"
    number.save()
    assert len(history(desk)) == before + 1


# Retention


T0 = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)


def test_versions_older_than_the_limit_go_but_each_items_latest_stays(settings):
    settings.VERSIONS_KEPT_DAYS = 30
    with time_machine.travel(T0, tick=False) as traveller:
        edited = make_article(title="v1")
        untouched = make_counter()
        traveller.shift(timedelta(days=1))
        edited.title = "v2"
        edited.save()
        # 40 days on: v1 and v2 are older than 30 days; the next save prunes.
        traveller.shift(timedelta(days=40))
        edited.title = "v3"
        edited.save()
    assert [v.field_dict["title"] for v in history(edited)] == ["v3"]
    # The counter's only version is its latest: kept, however old.
    assert len(history(untouched)) == 1
    # Revisions left without versions are gone too.
    assert not Revision.objects.filter(version__isnull=True).exists()


def test_versions_within_the_limit_are_kept(settings):
    settings.VERSIONS_KEPT_DAYS = 30
    with time_machine.travel(T0, tick=False) as traveller:
        article = make_article(title="v1")
        traveller.shift(timedelta(days=29))
        article.title = "v2"
        article.save()
        traveller.shift(timedelta(hours=2))
        article.title = "v3"
        article.save()
    assert [v.field_dict["title"] for v in history(article)] == ["v1", "v2", "v3"]


def test_pruning_runs_at_most_once_an_hour(settings):
    settings.VERSIONS_KEPT_DAYS = 30
    with time_machine.travel(T0, tick=False) as traveller:
        article = make_article(title="v1")
        traveller.shift(timedelta(days=31))
        article.title = "v2"
        article.save()  # prunes v1
        article.title = "v3"
        traveller.shift(timedelta(minutes=1))
        with CaptureQueriesContext(connection) as queries:
            article.save()
    # No pruning: it ran a minute ago.
    assert not [q["sql"] for q in queries if "DELETE" in q["sql"] or "EXISTS" in q["sql"]]
    assert [v.field_dict["title"] for v in history(article)] == ["v2", "v3"]


# Restoring


def test_restore_writes_the_old_version_back_as_a_new_one(django_user_model):
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    article = make_article(title="Right", body="<p>The right words.</p>")
    right = history(article)[0]
    article.title, article.body = "Defaced", "<p>Defaced.</p>"
    article.save()
    restored = versions.restore(right, user=user)
    article.refresh_from_db()
    assert (article.title, article.body) == ("Right", "<p>The right words.</p>")
    assert restored.obj == article and restored.kept_files == []
    latest = history(article)[-1]
    assert len(history(article)) == 3
    assert latest.revision.user == user
    assert versions.describe(latest.revision.comment).startswith("Restored the version of ")


def test_restore_sanitizes_the_body_through_save(django_user_model):
    """A version stored before today's sanitizing rules (written raw, as an old release or a
    restore of reversion's own would) comes back cleaned."""
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    article = make_article(body="<p>Clean.</p>")
    Article.objects.filter(pk=article.pk).update(title="Later")
    old = history(article)[0]
    old.serialized_data = old.serialized_data.replace(
        "<p>Clean.</p>", '<p onclick=\\"steal()\\">Clean.<script>steal()</script></p>'
    )
    old.save()
    versions.restore(Version.objects.get(pk=old.pk), user=user)
    article.refresh_from_db()
    assert article.body == "<p>Clean.</p>"


def test_restore_refuses_an_invalid_result_and_writes_nothing(django_user_model):
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    article = make_article(slug="the-slug", title="Old")
    old = history(article)[0]
    article.slug, article.title = "another-slug", "New"
    article.save()
    make_article(slug="the-slug")  # the old slug is taken since
    before = Version.objects.count()
    with pytest.raises(ValidationError) as refused:
        versions.restore(old, user=user)
    assert "slug" in refused.value.message_dict
    article.refresh_from_db()
    assert article.title == "New"
    assert Version.objects.count() == before


@pytest.mark.parametrize("language", ["en", "ru"])
def test_restore_brings_back_every_languages_text_whatever_language_is_active(
    django_user_model, language
):
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    article = make_article(title="Talks", title_ru="Переговоры", lead="Lead", lead_ru="Лид")
    old = history(article)[0]
    article.title_en, article.title_ru, article.lead_ru = "Defaced", "Испорчено", ""
    article.save()
    with translation.override(language):
        versions.restore(old, user=user)
    row = Article.objects.filter(pk=article.pk).values("title_en", "title_ru", "lead_ru").get()
    assert row == {"title_en": "Talks", "title_ru": "Переговоры", "lead_ru": "Лид"}


def test_restore_keeps_the_value_of_a_column_the_version_does_not_hold(django_user_model):
    """A version made before a column existed (say a new language's) leaves that column as it
    is, instead of blanking it with the column's default."""
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    article = make_article(title="Old", title_ru="Старое")
    old = history(article)[0]
    old.serialized_data = old.serialized_data.replace(', "title_ru": "Старое"', "")
    assert "title_ru" not in old.serialized_data
    old.save()
    article.title_en, article.title_ru = "New", "Новое"
    article.save()
    versions.restore(Version.objects.get(pk=old.pk), user=user)
    article.refresh_from_db()
    assert (article.title_en, article.title_ru) == ("Old", "Новое")


def test_a_restore_handles_pictures_through_save(
    settings, django_user_model, django_capture_on_commit_callbacks
):
    """A version without a picture removes the current one and its files; a version whose
    picture was replaced since (its files deleted) keeps the current picture and says so."""
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    article = make_article(
        title="With the first picture", image=upload(image_files.jpeg()), image_alt="First"
    )
    first = history(article)[0]
    with django_capture_on_commit_callbacks(execute=True):
        article.title, article.image = "With the second", upload(image_files.png(), "new.png")
        article.save()
    second_files = set(media_files(settings))
    restored = versions.restore(first, user=user)
    article.refresh_from_db()
    assert article.title == "With the first picture"
    assert restored.kept_files == ["image"]
    assert set(media_files(settings)) == second_files
    assert article.image_renditions["master"] == article.image.name
    # Removed, then restored before the removal is committed: the second picture's master is
    # still stored, so save() stores it anew, with its renditions, under a new name.
    with django_capture_on_commit_callbacks(execute=True):
        article.image, article.image_alt = "", ""
        article.save()
        versions.restore(history(article)[1], user=user)
    article.refresh_from_db()
    assert article.image and article.image_renditions["master"] == article.image.name
    assert {path.name for path in media_files(settings)} == {
        name.rsplit("/", 1)[-1] for name in pictures.files_of(article.image_renditions)
    }


def test_restore_brings_back_a_contact_points_numbers_and_hours(django_user_model):
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    desk = make_contact_point(numbers=["+44 20 7946 0321"])
    OpeningHours.objects.create(contact_point=desk, weekday=0, opens=time(9), closes=time(12))
    HoursException.objects.create(contact_point=desk, date=date(2030, 12, 25), reason="Xmas")
    good = history(desk)[-1]
    # Then: the number deleted, one added, Monday's hours changed, the closure gone.
    desk.phone_numbers.get().delete()
    PhoneNumber.objects.create(contact_point=desk, number="+44 20 7946 0999")
    OpeningHours.objects.filter(contact_point=desk).update(opens=time(10))
    desk.exceptions.all().delete()
    versions.restore(good, user=user)
    assert [n.number.as_e164 for n in desk.phone_numbers.all()] == ["+442079460321"]
    assert [(h.weekday, h.opens) for h in desk.opening_hours.all()] == [(0, time(9))]
    assert [e.reason for e in desk.exceptions.all()] == ["Xmas"]


def test_restored_hours_are_checked_together_as_restored(django_user_model):
    """Two ranges of a day that moved together (09-12 and 13-17 became 09-14 and 15-17) come
    back without either being refused for overlapping the other's later value."""
    user = django_user_model.objects.create_user("restorer", is_staff=True)
    desk = make_contact_point()
    morning = OpeningHours.objects.create(
        contact_point=desk, weekday=0, opens=time(9), closes=time(12)
    )
    afternoon = OpeningHours.objects.create(
        contact_point=desk, weekday=0, opens=time(13), closes=time(17)
    )
    old = history(desk)[-1]
    with reversion.create_revision():
        OpeningHours.objects.filter(pk=afternoon.pk).update(opens=time(15))
        OpeningHours.objects.filter(pk=morning.pk).update(closes=time(14))
    versions.restore(old, user=user)
    assert [(h.opens, h.closes) for h in desk.opening_hours.all()] == [
        (time(9), time(12)),
        (time(13), time(17)),
    ]


def test_registration_is_idempotent():
    versions.register(Article)
    versions.register_content(apps.get_app_config("news"))
    article = make_article()
    assert len(history(article)) == 1
