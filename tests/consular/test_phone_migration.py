"""The migration that turns phone numbers typed as text into E.164 PhoneNumberFields."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("consular", "0001_initial")
AFTER = ("consular", "0002_phone_numbers_in_e164")


@pytest.fixture
def at_0001():
    """The database as it stood at consular 0001, with the historical models; migrated back to
    the latest state afterwards."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([BEFORE])
    apps = executor.loader.project_state([BEFORE]).apps
    yield apps
    # Rows a test left unreadable would stop the way back.
    apps.get_model("consular", "ContactPoint").objects.all().delete()
    MigrationExecutor(connection).migrate(latest)


def add_numbers(apps, *numbers):
    ContactPoint = apps.get_model("consular", "ContactPoint")
    PhoneNumber = apps.get_model("consular", "PhoneNumber")
    contact_point = ContactPoint.objects.create(name="Consular queries")
    return [
        PhoneNumber.objects.create(contact_point=contact_point, number=number).pk
        for number in numbers
    ]


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def test_existing_numbers_are_converted_to_e164(at_0001):
    pks = add_numbers(
        at_0001, "+44 20 7946 0321", "020 7946 0322", "(020) 7946-0323", "+7 495 000 00 00"
    )
    apps = migrate_to(AFTER)
    PhoneNumber = apps.get_model("consular", "PhoneNumber")
    stored = dict(PhoneNumber.objects.values_list("pk", "number"))
    assert [stored[pk].as_e164 for pk in pks] == [
        "+442079460321",
        "+442079460322",
        "+442079460323",
        "+74950000000",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM consular_phonenumber ORDER BY id LIMIT 1")
        assert cursor.fetchone()[0] == "+442079460321"


def test_an_unreadable_number_stops_the_migration_and_nothing_changes(at_0001):
    add_numbers(at_0001, "020 7946 0321", "call the front desk")
    with pytest.raises(ValueError, match="call the front desk"):
        migrate_to(AFTER)
    PhoneNumber = at_0001.get_model("consular", "PhoneNumber")
    assert sorted(PhoneNumber.objects.values_list("number", flat=True)) == [
        "020 7946 0321",
        "call the front desk",
    ]
