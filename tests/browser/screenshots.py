"""Makes the README's screenshots of the demo home page, in English and in Russian: run by
`make screenshots`.

Not collected by the test suite (the file name does not start with test_); pytest collects it
when named on the command line. The browser's clock is set to the reference capture's moment,
so the header reads as it did then.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CAPTURE_MOMENT = datetime(2022, 6, 28, 12, 46, tzinfo=UTC)
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# (file name's prefix, address, the browser's locale)
LANGUAGES = [("home", "/", "en-GB"), ("home-ru", "/ru/", "ru-RU")]

pytestmark = pytest.mark.system


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", WIDTHS)
@pytest.mark.parametrize(("prefix", "path", "locale"), LANGUAGES)
def test_screenshot_of_the_demo_home_page(browser, live_server, name, prefix, path, locale):
    from tests.browser.conftest import audit

    call_command("load_demo", "--no-accounts")
    width, height = WIDTHS[name]
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    page.clock.install(time=CAPTURE_MOMENT)
    page.goto(live_server.url + path)
    audit(page)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUTPUT / f"{prefix}-{name}.png", full_page=name == "desktop")
    context.close()
