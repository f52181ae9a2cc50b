"""The login's second step in a real browser: setting up an authenticator app and logging in
with a recovery code (each page audited with axe, in English and in Russian), and a passkey
set up and used with Chromium's virtual authenticator (WebAuthn through the DevTools
protocol)."""

import re

import pytest
from django.contrib.auth.models import User
from django_otp_webauthn.models import WebAuthnCredential

from tests.browser.conftest import audit, enrol_an_app, enter_code

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1848"
NEXT = "/admin/news/article/"


@pytest.fixture
def press_officer():
    return User.objects.create_superuser("press-officer", "press@example.org", PASSWORD)


@pytest.fixture
def console(page):
    """What went wrong on the pages: a script's error or a CSP refusal in the console, a
    resource of the page answered with an error (the browser's own favicon.ico request, which
    the admin never names, is left out: it reaches the console only as "Failed to load")."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(f"{message.type}: {message.text}")
            if not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    page.on(
        "response",
        lambda response: (
            messages.append(f"error: {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    return messages


def log_in(page, live_server, expect: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={NEXT}")
    page.fill("#id_username", "press-officer")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url(f"**{expect}**")


def log_out(page) -> None:
    page.locator("#logout-form button, .second-factor-logout button").first.click()
    page.wait_for_url("**/admin/logout/")


@pytest.mark.parametrize(
    ("browser_locale", "heading"),
    [("en-GB", "Set up the second step of the login"), ("ru-RU", "Настройка второго шага входа")],
)
def test_an_app_is_set_up_and_a_recovery_code_logs_in_once(
    page, live_server, press_officer, console, heading
):
    log_in(page, live_server, "/admin/second-factor/enrol/")
    assert page.locator("h1").inner_text() == heading
    page.locator("#passkey-register-button").wait_for()  # the passkey script ran
    assert page.locator(".second-factor-qr-code svg[role=img]").is_visible()
    audit(page)
    enrol_an_app(page)

    page.wait_for_url("**/admin/second-factor/recovery-codes/**")
    codes = page.locator(".second-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    audit(page)
    page.locator(f'#content-main a[href="{NEXT}"]').click()
    page.wait_for_url(f"**{NEXT}")
    log_out(page)

    log_in(page, live_server, "/admin/second-factor/?next=")
    audit(page)
    enter_code(page, codes[0])
    page.wait_for_url(f"**{NEXT}")
    log_out(page)

    # The same recovery code a second time: refused, with the error audited too.
    log_in(page, live_server, "/admin/second-factor/?next=")
    enter_code(page, codes[0])
    page.locator(".errorlist").wait_for()
    assert re.search(r"/admin/second-factor/\?next=", page.url)
    audit(page)
    assert not [line for line in console if "error" in line.split(":")[0]], console


def test_a_passkey_is_set_up_and_logs_in(browser, live_server, press_officer):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]

    log_in(page, live_server, "/admin/second-factor/enrol/")
    page.get_by_role("button", name="Set up a passkey or security key").click()
    page.wait_for_url("**/admin/second-factor/recovery-codes/**")
    credential = WebAuthnCredential.objects.get(user=press_officer)
    assert credential.confirmed
    assert (
        len(
            devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})[
                "credentials"
            ]
        )
        == 1
    )
    # A passkey's enrolment made no recovery codes: the page makes them now.
    assert len(page.locator(".second-factor-codes code").all_inner_texts()) == 10
    page.locator(f'#content-main a[href="{NEXT}"]').click()
    page.wait_for_url(f"**{NEXT}")
    log_out(page)

    log_in(page, live_server, "/admin/second-factor/?next=")
    audit(page)
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(f"**{NEXT}")
    assert page.locator("#site-name").is_visible()
    credential.refresh_from_db()
    assert credential.last_used_at is not None
    context.close()
    assert not [
        line
        for line in console
        if line.startswith("error") and "Failed to load resource" not in line
    ], console
