"""The Content-Security-Policy in a real browser: the public pages and the admin, with its
editor, work under it and make the browser report no violation."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser.conftest import enrol_an_app
from tests.factories import make_article, make_clock, make_contact_point, make_counter, make_event

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

# Installed before any page script: collects every violation the browser reports.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI} (${where})`);
});
"""


@pytest.fixture
def violations(page):
    """A function returning the violations seen so far on the open page, and the console's
    complaints about the security headers (CSP or an unknown Permissions-Policy feature)."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    return lambda: console + page.evaluate("window.cspViolations")


@pytest.fixture
def content():
    make_clock("Moscow", "Europe/Moscow", order=1)
    make_clock("London", "Europe/London", order=2)
    make_counter("the Salisbury incident", date(2018, 3, 4))
    make_contact_point(in_header=True)
    article = make_article(title="A speech on the anniversary")
    event = make_event(title="A reception")
    return article, event


def clocks(page) -> list[str]:
    return page.locator(".clocks li").all_inner_texts()


def test_home_page_runs_its_clock_under_the_strict_policy(page, visit, violations, content):
    page.clock.install(time=datetime(2022, 6, 28, 12, 46, 10, tzinfo=UTC))
    visit("/")
    assert clocks(page) == ["Moscow: 15:46", "London: 13:46"]
    page.clock.run_for(60_000)
    # The minutes advanced: clock.js ran, from 'self', under script-src 'self'.
    assert clocks(page) == ["Moscow: 15:47", "London: 13:47"]
    assert violations() == []


def test_public_pages_report_no_violation(page, visit, violations, content):
    article, event = content
    for path in (
        article.get_absolute_url(),
        event.get_absolute_url(),
        reverse("news:archive"),
        reverse("news:events"),
        reverse("news:search") + "?q=speech",
        reverse("consular:index"),
    ):
        visit(path)
        assert violations() == [], path
    visit("/no-such-page/", expect_status=404)
    assert violations() == []


def test_inline_script_and_style_are_refused_and_reported(page, visit, violations, content):
    """The control: the policy is enforced and the watcher sees what it refuses."""
    visit("/", run_audit=False)
    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML("beforeend", '<p id="styled" style="color: red">x</p>');
          const script = document.createElement("script");
          script.textContent = "window.inlineScriptRan = true;";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.inlineScriptRan") is None
    assert page.locator("#styled").evaluate("p => getComputedStyle(p).color") != "rgb(255, 0, 0)"
    reported = violations()
    assert any(line.startswith("script-src-elem refused inline") for line in reported), reported
    assert any(line.startswith("style-src-attr refused inline") for line in reported), reported


def log_in(page, live_server, violations=None):
    """A superuser's first login: the password, then the second factor set up with an app
    (the enrolment page, its QR code and passkey script, and the recovery codes, each checked
    for violations when `violations` is given)."""
    User.objects.create_superuser("editor", "editor@example.org", "a long pass phrase")
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a long pass phrase")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/second-factor/enrol/**")
    page.locator("#passkey-register-button").wait_for()  # the passkey script ran
    assert violations is None or violations() == []
    enrol_an_app(page)
    page.wait_for_url("**/admin/second-factor/recovery-codes/**")
    assert violations is None or violations() == []
    page.goto(live_server.url + reverse("admin:index"))


def test_admin_login_and_pages_report_no_violation(page, live_server, violations, content):
    response = page.goto(live_server.url + reverse("admin:login"))
    assert response.status == 200
    assert violations() == []
    log_in(page, live_server, violations)
    for name in ("admin:index", "admin:news_article_changelist", "admin:consular_contactpoint_add"):
        response = page.goto(live_server.url + reverse(name))
        assert response.status == 200, name
        assert violations() == [], name


@pytest.mark.parametrize("model", ["article", "event"])
def test_the_editor_works_in_the_admin_under_its_policy(page, live_server, violations, model):
    log_in(page, live_server)
    response = page.goto(live_server.url + reverse(f"admin:news_{model}_add"))
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    editor = page.locator('.field-body_en .ProseMirror[contenteditable="true"]')
    editor.click()
    page.keyboard.type("Ladies and gentlemen,  welcome.")
    assert "Ladies and gentlemen" in editor.inner_text()
    # tiptap's stylesheet, allowed by its hash, is applied: the editing area keeps spaces.
    assert editor.evaluate("node => getComputedStyle(node).whiteSpace") in {
        "break-spaces",
        "pre-wrap",
    }
    assert violations() == []
