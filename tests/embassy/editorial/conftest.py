"""Staff of both areas as embassy/sitewide/roles.py makes them: editors (the area's group) and
publishers (members of its publishers' group too), each logged in on a client of their own."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from embassy.sitewide import roles
from tests.helpers import verified_login


def member(username: str, area: roles.Area, *, publisher: bool = False) -> User:
    user = User.objects.create_user(username, password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name=area.group))
    if publisher:
        user.groups.add(Group.objects.get(name=area.publishers))
    return user


def session(user: User) -> Client:
    return verified_login(Client(), user)


@pytest.fixture
def press_editor(db):
    return member("press-editor", roles.PRESS_OFFICE)


@pytest.fixture
def press_publisher(db):
    return member("press-publisher", roles.PRESS_OFFICE, publisher=True)


@pytest.fixture
def second_publisher(db):
    return member("second-publisher", roles.PRESS_OFFICE, publisher=True)


@pytest.fixture
def consular_editor(db):
    return member("consular-editor", roles.CONSULAR_SECTION)


@pytest.fixture
def consular_publisher(db):
    return member("consular-publisher", roles.CONSULAR_SECTION, publisher=True)


@pytest.fixture
def editor(press_editor):
    return session(press_editor)


@pytest.fixture
def publisher(press_publisher):
    return session(press_publisher)


@pytest.fixture
def visitor():
    return Client()
