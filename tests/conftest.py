import contextlib
import os
import subprocess
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import translation

from tests import servers
from tests.helpers import verified_login

# What only a test marked `system` may do: start a process (subprocess, fork, a shell), or reach
# the machine's own PostgreSQL or Redis (tests/servers.py's require() guards every such use).
SYSTEM_ONLY = [
    (subprocess.Popen, "__init__", "starts a process"),
    (os, "fork", "forks a process"),
    (os, "posix_spawn", "starts a process"),
    (os, "posix_spawnp", "starts a process"),
    (os, "system", "runs a shell command"),
    (servers, "require", "uses the machine's PostgreSQL or Redis"),
]
# Fixtures that start a server (in a thread of this process, but still a server).
SYSTEM_FIXTURES = {"live_server"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """The fast tier stays fast: a test not marked `system` fails when it starts a process or a
    server, or reaches the machine's PostgreSQL or Redis, instead of slipping into
    `make test-fast`. System tests (module-level `pytestmark = pytest.mark.system`, or the mark
    on the test) are left alone."""
    if item.get_closest_marker("system"):
        return (yield)
    with contextlib.ExitStack() as guards:
        for owner, name, what in SYSTEM_ONLY:
            guards.enter_context(mock.patch.object(owner, name, _refusal(item, what)))
        return (yield)


def _refusal(item, what: str):
    def refuse(*args, **kwargs):
        pytest.fail(
            f"{item.nodeid} {what} but is not marked `system`: mark it (or its module, with "
            "pytestmark = pytest.mark.system), or keep it in process.",
            pytrace=False,
        )

    return refuse


def pytest_runtest_setup(item):
    used = SYSTEM_FIXTURES.intersection(item.fixturenames)
    if used and not item.get_closest_marker("system"):
        pytest.fail(
            f"{item.nodeid} uses {', '.join(sorted(used))} but is not marked `system`.",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Russian leaves Russian active in
    this thread (LocaleMiddleware activates the visitor's language and nothing deactivates it),
    and a later test rendering outside a request would read Russian."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of a test go to a folder of its own, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client (a superuser's session), past the second factor as every
    admin session must be (tests.helpers.verified_login)."""
    from django.test import Client

    return verified_login(Client(), admin_user)


@pytest.fixture
def review_not_required(settings):
    """Publishers' saves go live at once (REVIEW_REQUIRED off): for tests of what a save of a
    live item does (history, versions, translations' state, times), which a second pair of eyes
    would otherwise turn into a change waiting for review (tested in tests/embassy/editorial/)."""
    settings.REVIEW_REQUIRED = False


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page: for tests that count what rendering a page costs."""
    settings.PAGE_CACHE_ENABLED = False
