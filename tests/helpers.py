"""Helpers shared by the tests: reading a rendered page, counting its queries, freezing the
clock, reading the settings in a fresh interpreter, and skipping (or, in CI, failing) when a
tool is missing. Model factories are in tests/factories.py, fixtures in tests/conftest.py."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from embassy.pages import navigation
from embassy.sitewide import header

# --- pages -----------------------------------------------------------------------------------


def visible_text(html: str) -> str:
    """HTML as a visitor reads it: scripts, styles and templates (unrendered HTML) dropped,
    tags removed, white space folded."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def text(response) -> str:
    """The whole page as a visitor reads it."""
    return visible_text(response.content.decode())


def main(response) -> str:
    """The HTML of the page's <main> only."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def json_ld(response) -> dict:
    """The page's one JSON-LD block, parsed."""
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(response, name: str) -> str | None:
    html = response.content.decode()
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match and match.group(1)


# --- staff sessions --------------------------------------------------------------------------


def authenticator(user):
    """The user's authenticator app (a confirmed TOTP device), made if they have none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def totp_code(device) -> str:
    """The code the user's authenticator app shows now (the test's frozen time included)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verified_login(client, user):
    """Log `user` in to the test client as staff are after both steps: the password and the
    second factor (a real confirmed device). The one way for a test to reach the admin;
    client.force_login() alone is a password-only session, which the admin refuses."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


# --- queries and time ------------------------------------------------------------------------


def page_queries(own: int) -> int:
    """What django_assert_num_queries sees for a page making `own` queries: with
    ATOMIC_REQUESTS, inside a test's transaction, the view also opens and releases a savepoint."""
    return own + (2 if connection.settings_dict.get("ATOMIC_REQUESTS") else 0)


# Reading the header's rows: the clocks with the counters, the contact, the urgent notices; and
# the pages of the menu and the footer.
HEADER_QUERIES = 4


def warm_header() -> None:
    """Cache the header's rows and the menu's, so a query count measures the page's own
    queries."""
    header.cached_rows()
    navigation.site_links()


def frozen_at(moment):
    """An autouse fixture that stops the clock at `moment` in every test of a module:
    `frozen = frozen_at(NOW)` at the module's top level."""

    @pytest.fixture(autouse=True, name="frozen")
    def frozen():
        """The clock stopped at the module's moment (time_machine's traveller)."""
        with time_machine.travel(moment, tick=False) as traveller:
            yield traveller

    return frozen


# --- a fresh interpreter ---------------------------------------------------------------------

# All a fresh interpreter takes from this process's environment: nothing the settings read
# (from a developer's shell, .env or this test run) leaks into the profile under test.
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")


def fresh_interpreter(
    *arguments: str, timeout: float = 120, cwd: Path | None = None, **variables: str
) -> subprocess.CompletedProcess:
    """`python <arguments>` in the project folder (or in `cwd`, a copy of it), in a new
    interpreter, so the settings module is read anew: from `variables` only, with no .env
    file."""
    environment = {key: os.environ[key] for key in KEPT_VARIABLES if key in os.environ}
    environment.update(ENV_FILE="/dev/null", DJANGO_SETTINGS_MODULE="embassy.settings")
    environment.update(variables)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd or settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def fresh_settings(values: str, **variables: str) -> dict:
    """`values`, a dict display over `settings` (e.g. "{'debug': settings.DEBUG}"), as read by
    a fresh interpreter with `variables`; the test fails if the settings refuse to load."""
    script = "import django, json; from django.conf import settings; django.setup(); "
    result = fresh_interpreter(
        "-c", f"{script}print(json.dumps({values}, default=str))", **variables
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fresh_settings_refusal(**variables: str) -> str:
    """The last line of the error with which the settings refuse to load with `variables` (the
    test fails if they load)."""
    result = fresh_interpreter("-c", "import django; django.setup()", **variables)
    assert result.returncode != 0, f"the settings loaded with {variables}"
    return result.stderr.strip().splitlines()[-1]


# --- what a test needs from the machine ------------------------------------------------------


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(message: str) -> None:
    """Skip the test (outside CI) or fail it (in CI, which must provide everything)."""
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def admin_form(data: dict) -> dict:
    """POST data for an admin form whose translated fields ("title") are given as the default
    language's inputs ("title_en"), as the form names them; inline rows too
    ("phone_numbers-0-label" becomes "phone_numbers-0-label_en")."""
    from django.conf import settings
    from modeltranslation.translator import translator

    translated = {
        name
        for model in translator.get_registered_models()
        for name in translator.get_options_for_model(model).all_fields
    }
    renamed = {}
    for key, value in data.items():
        prefix, _dash, name = key.rpartition("-")
        if name in translated:
            key = f"{prefix}{_dash}{name}_{settings.LANGUAGE_CODE}"
        renamed[key] = value
    return renamed


def assert_no_text_is_matched_with_like(sql: str) -> None:
    """A search's SQL matches words in the full-text indexes only: the one LIKE it may hold is
    the page tree's (a page's path below its ancestors', embassy.pages.models.PageQuerySet)."""
    assert set(re.findall(r"(\S+) LIKE ", sql)) <= {'"pages_page"."path"'}, sql
