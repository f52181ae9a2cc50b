"""Real-browser tests: Playwright drives Debian's Chromium; every page opened is audited by axe.

On a machine without Chromium these tests skip with one line saying how to enable them; under
CI=true a missing browser is an error, so CI can never pass without running them.
"""

import os
from pathlib import Path

import pytest

from tests.helpers import unavailable

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
WCAG_A_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Playwright's sync API runs an event loop in this thread; the live server's ORM calls are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Browser tests need Chromium at {CHROMIUM}: install it with "
            "'apt-get install chromium' (or set CHROMIUM_PATH) to enable them."
        )
        unavailable(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_locale() -> str:
    """The visitor's locale: the browser's Accept-Language and its Intl formats. A test visits
    in another language by parametrizing it: @pytest.mark.parametrize("browser_locale", [...])."""
    return "en-GB"


@pytest.fixture
def page(browser, browser_locale):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=browser_locale)
    page = context.new_page()
    yield page
    context.close()


def audit(page, within: str | None = None) -> None:
    """Fail the test when axe finds any WCAG 2.x A or AA violation on the page as it is now
    (or in the part of it that the CSS selector `within` picks)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context={"include": [within]} if within else None,
        options={
            "runOnly": {"type": "tag", "values": WCAG_A_AA_TAGS},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, (
        f"Accessibility violations on {page.url}:\n{results.generate_report()}"
    )


@pytest.fixture
def visit(page, live_server):
    """Open a path of the live site, check it answered, and audit it with axe."""

    def visit(path: str, *, expect_status: int = 200, run_audit: bool = True):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == expect_status, (
            f"{path} answered {response and response.status}"
        )
        if run_audit:
            audit(page)
        return page

    return visit


# --- the admin's login: the password, then the second factor ---------------------------------


def app_code(key: bytes) -> str:
    """The code an authenticator app with this key shows now."""
    from django_otp.oath import TOTP

    return f"{TOTP(key).token():06d}"


def enter_code(page, code: str) -> None:
    """On either page of the login's second step: type a code and send it."""
    page.fill("input[name=code]", code)
    page.click("#second-factor-form input[type=submit]")


def enrol_an_app(page) -> bytes:
    """On the enrolment page: add the secret it shows to an "app" (here, its key) and confirm it
    with the app's first code. Returns the key."""
    from base64 import b32decode

    secret = page.locator(".second-factor-secret").inner_text()
    key = b32decode(secret.replace(" ", ""))
    enter_code(page, app_code(key))
    return key


def log_in_to_the_admin(page, live_server, username: str, password: str, next_path: str, device):
    """The admin's login form, then the code of the user's authenticator app (`device`, a
    confirmed TOTPDevice, e.g. tests.helpers.authenticator(user)); ends on `next_path`."""
    from tests.helpers import totp_code

    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form input[type=submit]")
    page.wait_for_url("**/admin/second-factor/**")
    enter_code(page, totp_code(device))
    page.wait_for_url(f"**{next_path}")
