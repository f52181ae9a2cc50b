"""The admin's rich-text editor as staff meet it: tall enough to write in, arrows that need no
font, and links that end where they were made."""

import pytest
from django.urls import reverse

from news.models import Article
from tests.browser.test_csp import log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

# A paste, as the browser sends it when staff paste from a web page or a document.
PASTE_HTML = """(node, html) => {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "x");
  const paste = {clipboardData: data, bubbles: true, cancelable: true};
  node.dispatchEvent(new ClipboardEvent("paste", paste));
}"""


@pytest.fixture
def body_editor(page, live_server):
    log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:news_article_add"))
    editor = page.locator('.field-body_en .ProseMirror[contenteditable="true"]')
    editor.wait_for()
    return editor


def test_the_empty_editor_is_tall_enough_to_write_in(body_editor):
    assert body_editor.bounding_box()["height"] >= 200


def test_the_dropdown_arrows_are_drawn_without_a_font_glyph(page, body_editor):
    arrow = page.locator(".field-body_en .prose-menubar__selected").first.evaluate(
        """node => {
          const style = getComputedStyle(node, "::after");
          return [style.content, style.borderTopWidth, style.borderTopStyle];
        }"""
    )
    assert arrow == ['""', "5px", "solid"]


def test_a_full_stop_typed_after_a_link_is_not_part_of_it(page, body_editor):
    body_editor.click()
    body_editor.evaluate(PASTE_HTML, '<p>Read <a href="https://example.org/">the statement</a></p>')
    page.keyboard.press("End")
    page.keyboard.type(".")
    page.get_by_label("Title [en]").fill("On links")
    page.get_by_label("Slug").fill("on-links")
    page.locator("input[name=_save]").last.click()
    page.wait_for_url("**/admin/news/article/")
    body = Article.objects.get().body
    assert ">the statement</a>.</p>" in body, body


def test_the_writing_area_is_named_after_its_label(page, body_editor):
    # The label points at the hidden <textarea>: without admin-editor.js the contenteditable
    # <div> a screen reader lands in has no name.
    named = page.get_by_role("textbox", name="Body [en]:", exact=True)
    assert named.evaluate("node => node.isContentEditable")
    page.locator("label[for=id_body_en]").click()
    assert body_editor.evaluate("node => node === document.activeElement")
