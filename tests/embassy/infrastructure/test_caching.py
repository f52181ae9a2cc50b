"""The one cache mechanism: apps register their content and their change moments, and every
way of writing content (save, delete, and the bulk writes that skip both) makes what is cached
out of date."""

from datetime import UTC, date, datetime, time

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F

from consular import moments as consular_moments
from consular.models import HoursException, OpeningHours, PhoneNumber
from embassy.infrastructure import caching
from embassy.sitewide.models import Clock
from news import moments as news_moments
from news.models import Article
from tests.factories import make_article, make_contact_point

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["embassy", "news", "consular"]


def test_every_model_of_the_content_apps_is_registered_by_its_app():
    expected = {
        model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()
    }
    assert expected <= set(caching.content_models())


def test_both_apps_report_when_their_pages_change_by_themselves():
    assert {news_moments.next_change, consular_moments.next_change} <= set(
        caching._next_change_functions
    )


def test_a_model_whose_bulk_writes_would_miss_the_cache_is_refused():
    with pytest.raises(ImproperlyConfigured, match="ContentQuerySet"):
        caching.register_model(Group)


@pytest.mark.parametrize("model", caching.content_models(), ids=lambda m: m._meta.label)
def test_every_bulk_write_of_every_content_model_replaces_the_version(model):
    manager = model._default_manager
    field = next(f.name for f in model._meta.concrete_fields if not f.primary_key)
    for write in (
        lambda: manager.filter(pk=-1).update(**{field: F(field)}),
        lambda: manager.bulk_create([]),
        lambda: manager.bulk_update([], fields=[field]),
    ):
        before = caching.content_version()
        write()
        assert caching.content_version() != before


def test_writes_through_related_managers_replace_the_version():
    desk = make_contact_point("Visas", numbers=["+44 20 7946 0322"])
    before = caching.content_version()
    desk.phone_numbers.update(label="Main line")
    assert caching.content_version() != before
    before = caching.content_version()
    OpeningHours.objects.bulk_create(
        [OpeningHours(contact_point=desk, weekday=0, opens=time(9), closes=time(12))]
    )
    assert caching.content_version() != before


@pytest.mark.parametrize(
    "make",
    [
        lambda: Clock.objects.create(city="Paris", time_zone="Europe/Paris"),
        lambda: PhoneNumber.objects.create(
            contact_point=make_contact_point("Visas"), number="+44 20 7946 0322"
        ),
        lambda: HoursException.objects.create(
            contact_point=make_contact_point("Visas"), date=date(2022, 12, 25)
        ),
        lambda: make_article("A statement"),
    ],
)
def test_a_save_and_a_delete_replace_the_version(make):
    before = caching.content_version()
    row = make()
    assert caching.content_version() != before
    before = caching.content_version()
    row.delete()
    assert caching.content_version() != before


def test_a_remembered_value_is_computed_once_per_version():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert caching.remember("test-value", compute) == 1
    assert caching.remember("test-value", compute) == 1
    Article.objects.filter(pk=-1).update(title="")
    assert caching.remember("test-value", compute) == 2


def test_a_remembered_value_that_changes_by_itself_expires_at_the_next_moment(time_machine):
    noon = datetime(2022, 6, 28, 11, 0, tzinfo=UTC)
    time_machine.move_to(noon, tick=False)
    make_article("Scheduled", published_at=noon.replace(hour=12))
    values = iter(range(10))
    assert caching.remember("scheduled", lambda: next(values)) == 0
    assert caching.remember("kept", lambda: "first", changes_by_itself=False) == "first"
    time_machine.move_to(noon.replace(hour=12), tick=False)
    assert caching.remember("scheduled", lambda: next(values)) == 1
    assert caching.remember("kept", lambda: "second", changes_by_itself=False) == "first"
