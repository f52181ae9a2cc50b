"""The whole publishing journey in a real browser: a press officer writes an article in the
admin's rich-text editor, attaches a picture and publishes it; a visitor then finds it on the
home page and in the archive (each public page audited with axe)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission, User
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from news.models import Article, Status
from tests.browser.conftest import log_in_to_the_admin
from tests.helpers import authenticator

# The press officer publishes directly (a publisher, review off); the journey through review, an
# editor's submission and a publisher's approval, is tests/browser/test_review.py.
pytestmark = [
    pytest.mark.system,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("review_not_required"),
]

TITLE = "Foreign ministers agree a plan of consultations"
PASSWORD = "a-long-test-password-1848"


def press_officer() -> User:
    """A press officer with add, change, view and publish on articles and events, and nothing
    else."""
    user = User.objects.create_user("press-officer", password=PASSWORD, is_staff=True)
    actions = ("add", "change", "view", "publish")
    codenames = [f"{a}_{m}" for a in actions for m in ("article", "event")]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
    )
    return user


def photo(tmp_path: Path) -> Path:
    path = tmp_path / "ministers at the table.jpg"
    image = Image.new("RGB", (1200, 800), (20, 60, 120))
    image.paste((200, 30, 30), (0, 0, 600, 800))
    image.save(path, "JPEG", quality=90)
    return path


def serve_media(context, live_server, settings) -> None:
    """The test server has DEBUG off and serves no uploads; the browser gets them from the
    test's MEDIA_ROOT instead, so the pictures really load."""

    def fulfil(route):
        name = urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
        route.fulfill(path=Path(settings.MEDIA_ROOT) / name)

    context.route(f"{live_server.url}{settings.MEDIA_URL}**", fulfil)


def test_a_press_officer_publishes_an_article_that_visitors_then_read(
    browser, live_server, visit, page, tmp_path, settings
):
    device = authenticator(press_officer())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    admin = context.new_page()
    console = []
    admin.on("console", lambda message: console.append(message.text))
    log_in_to_the_admin(
        admin, live_server, "press-officer", PASSWORD, "/admin/news/article/add/", device
    )

    admin.get_by_label("Kind").select_option("speech")
    admin.get_by_label("Title [en]").fill(TITLE)
    admin.get_by_label("Lead [en]").fill("The ministers met in Yerevan.")
    body = admin.locator(".field-body_en")  # the default language's editor
    editor = body.locator(".prose-editor .ProseMirror[contenteditable=true]")
    try:
        editor.wait_for(timeout=10_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"The rich-text editor did not start. Browser console: {console}")
    editor.click()
    admin.keyboard.type("The ministers agreed two documents.")
    admin.keyboard.press("Enter")
    body.locator(".prose-editor button[data-name=bold]").click()
    admin.keyboard.type("Dialogue remains open.")
    admin.keyboard.press("Enter")
    body.locator(".prose-editor button[data-name=bold]").click()
    admin.keyboard.type("Will the plan cover regional crises?")
    # The interview layout: this paragraph is a question (the "Block style" menu).
    block_style = body.locator(".prose-menubar__dropdown").filter(has_text="Block style")
    block_style.locator(".prose-menubar__selected").click()
    body.locator(".prose-editor button[data-name='nodeClass:paragraph:question']").click()
    admin.locator("#id_image").set_input_files(photo(tmp_path))
    admin.get_by_label("Image alt text [en]").fill("The ministers at the negotiating table")
    admin.get_by_label("Status").select_option("published")
    admin.get_by_label("Featured").check()
    # The slug was filled in from the title as it was typed.
    assert (
        admin.get_by_label("Slug").input_value()
        == "foreign-ministers-agree-a-plan-of-consultations"
    )
    admin.locator("input[name=_save]").last.click()
    admin.wait_for_url("**/admin/news/article/")
    assert "was added successfully" in admin.locator(".messagelist").inner_text()
    context.close()

    article = Article.objects.get()
    assert article.status == Status.PUBLISHED and article.is_public
    assert article.body == (
        "<p>The ministers agreed two documents.</p>"
        "<p><strong>Dialogue remains open.</strong></p>"
        '<p class="question">Will the plan cover regional crises?</p>'
    )
    assert [r["width"] for r in article.image_renditions["renditions"]] == [480, 960, 1200]
    assert "ministers" not in article.image.name  # stored under a random name

    serve_media(page.context, live_server, settings)
    home = visit("/")
    featured = home.locator(".featured__item")
    assert featured.get_by_role("heading", name=TITLE).is_visible()
    assert featured.locator("strong", has_text="Dialogue remains open.").is_visible()
    assert featured.locator("p.question").inner_text() == "Will the plan cover regional crises?"
    picture = featured.locator("picture img")
    assert picture.get_attribute("alt") == "The ministers at the negotiating table"
    picture.scroll_into_view_if_needed()
    home.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    # The browser chose a WebP rendition, not the full-size upload.
    assert picture.evaluate("img => img.currentSrc").endswith("w.webp")

    archive = visit("/news/")
    link = archive.get_by_role("link", name=TITLE)
    assert link.is_visible()
    assert link.get_attribute("href") == article.get_absolute_url()
