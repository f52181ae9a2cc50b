"""Staff reach the admin with their password and a second factor: an authenticator app's code
(made here from the device's key, as the app would), a recovery code (once each), or a passkey
(tests/browser/test_two_factor.py). Wrong codes count towards the login lockout."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from embassy.infrastructure import two_factor
from tests.helpers import authenticator, frozen_at, text, totp_code, verified_login

pytestmark = pytest.mark.django_db

START = datetime(2022, 6, 28, 9, 0, tzinfo=UTC)
LOGIN = "/admin/login/?next=/admin/news/article/"
PASSWORD = "blue-lantern-harbour-47"
ADDRESS = "203.0.113.7"

frozen = frozen_at(START)


@pytest.fixture
def press(django_user_model):
    return django_user_model.objects.create_user("press", password=PASSWORD, is_staff=True)


def log_in(client, username="press", password=PASSWORD):
    """The admin's login form, from ADDRESS: the response (a redirect to the next step)."""
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def post_code(client, location, code):
    return client.post(location, {"code": code}, REMOTE_ADDR=ADDRESS)


def reaches_the_admin(client) -> bool:
    return client.get("/admin/", REMOTE_ADDR=ADDRESS).status_code == 200


def shown_secret(page: str) -> str:
    return re.search(r'class="second-factor-secret">([A-Z2-7 ]+)<', page).group(1)


# --- enrolment -------------------------------------------------------------------------------


def test_the_first_login_sets_up_an_app_from_its_secret_and_shows_recovery_codes_once(
    client, press
):
    response = log_in(client)
    enrol = "/admin/second-factor/enrol/?next=%2Fadmin%2Fnews%2Farticle%2F"
    assert response["Location"] == enrol
    assert not reaches_the_admin(client)
    page = client.get(enrol).content.decode()
    device = TOTPDevice.objects.get(user=press, confirmed=False)
    assert shown_secret(page) == two_factor.secret(device)
    assert "<svg" in page and "QR code of the secret" in page
    assert "otpauth://totp/Embassy%20in%20London%3Apress?secret=" in page
    # Reloading the page keeps the same secret: the app the user just set up keeps working.
    assert shown_secret(client.get(enrol).content.decode()) == two_factor.secret(device)

    response = post_code(client, enrol, totp_code(device))
    codes_page = "/admin/second-factor/recovery-codes/?next=%2Fadmin%2Fnews%2Farticle%2F"
    assert response["Location"] == codes_page
    page = client.get(codes_page)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(set(codes)) == 10
    assert sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert 'href="/admin/news/article/"' in page.content.decode()
    # Shown once: the page now offers new codes instead.
    again = client.get(codes_page).content.decode()
    assert not set(codes) & set(re.findall(r"[a-z2-7]{8}", again))
    assert "Make new recovery codes" in again
    assert reaches_the_admin(client)
    device.refresh_from_db()
    assert device.confirmed


def test_enrolment_refuses_a_wrong_code(client, press):
    enrol = log_in(client)["Location"]
    client.get(enrol)
    response = post_code(client, enrol, "000000")
    assert response.status_code == 200
    assert "That code is not right" in text(response)
    assert not TOTPDevice.objects.filter(user=press, confirmed=True).exists()
    assert not reaches_the_admin(client)


def test_new_recovery_codes_replace_the_old(client, press):
    verified_login(client, press)
    old = two_factor.new_recovery_codes(press)
    page = client.post("/admin/second-factor/recovery-codes/").content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)


# --- verification ----------------------------------------------------------------------------


def test_staff_with_an_app_are_asked_for_its_code(client, press, frozen):
    device = authenticator(press)
    response = log_in(client)
    verify = "/admin/second-factor/?next=%2Fadmin%2Fnews%2Farticle%2F"
    assert response["Location"] == verify
    assert not reaches_the_admin(client)
    page = client.get(verify).content.decode()
    assert 'id="passkey-verification-placeholder"' in page
    wrong = post_code(client, verify, "123456" if totp_code(device) != "123456" else "654321")
    assert wrong.status_code == 200 and "That code is not right" in text(wrong)
    assert not reaches_the_admin(client)
    # django-otp waits a second after a wrong code before it checks the next, and says so.
    too_soon = post_code(client, verify, totp_code(device))
    assert "the next one is checked only after a wait" in text(too_soon)
    assert not reaches_the_admin(client)
    frozen.shift(timedelta(seconds=2))
    response = post_code(client, verify, totp_code(device))
    assert response["Location"] == "/admin/news/article/"
    assert reaches_the_admin(client)


def test_a_code_is_accepted_once(client, press):
    device = authenticator(press)
    code = totp_code(device)
    assert post_code(client, log_in(client)["Location"], code).status_code == 302
    other = type(client)()
    response = post_code(other, log_in(other)["Location"], code)
    assert response.status_code == 200 and "That code is not right" in text(response)


def test_recovery_codes_are_accepted_once_each(client, press, frozen):
    authenticator(press)
    codes = two_factor.new_recovery_codes(press)
    response = post_code(
        client, log_in(client)["Location"], codes[0].upper()[:4] + " " + codes[0][4:]
    )
    assert response.status_code == 302 and reaches_the_admin(client)
    assert StaticToken.objects.count() == 9
    other = type(client)()
    frozen.shift(timedelta(seconds=5))
    response = post_code(other, log_in(other)["Location"], codes[0])
    assert response.status_code == 200 and "That code is not right" in text(response)
    frozen.shift(timedelta(seconds=5))
    assert post_code(other, log_in(other)["Location"], codes[1]).status_code == 302


def test_a_staff_member_without_a_second_factor_cannot_skip_enrolment(client, press):
    client.post(LOGIN, {"username": "press", "password": PASSWORD})
    assert client.get("/admin/second-factor/")["Location"].startswith("/admin/second-factor/enrol/")
    assert post_code(client, "/admin/second-factor/", "12345678").status_code == 302
    assert not reaches_the_admin(client)


def test_the_steps_show_nothing_of_the_admin(client, press):
    enrol = client.get(log_in(client)["Location"]).content.decode()
    authenticator(press)
    verify = client.get("/admin/second-factor/").content.decode()
    for page in (enrol, verify):
        assert "Articles" not in page and "Contact points" not in page
        assert 'action="/admin/logout/"' in page


def test_logging_out_from_the_second_step_ends_the_session(client, press):
    log_in(client)
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_next_address_must_be_this_sites(client, press):
    device = authenticator(press)
    client.post(
        "/admin/login/?next=https://evil.example/", {"username": "press", "password": PASSWORD}
    )
    response = post_code(
        client, "/admin/second-factor/?next=https://evil.example/", totp_code(device)
    )
    assert response["Location"] == "/admin/"


# --- nothing of the admin with the password alone --------------------------------------------


def admin_addresses():
    """One address of every kind the admin has: its index and app pages, each model's list,
    add, change, history and delete pages, the shortcut, the password change, the
    autocomplete, the script catalog, and this feature's own recovery codes."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    from news.models import Article
    from tests.factories import make_article

    article = make_article()
    addresses = [
        "/admin/",
        "/admin/news/",
        "/admin/password_change/",
        "/admin/autocomplete/?app_label=news&model_name=article&field_name=title",
        "/admin/jsi18n/",
        "/admin/second-factor/recovery-codes/",
        f"/admin/r/{ContentType.objects.get_for_model(Article).pk}/{article.pk}/",
    ]
    for model in admin.site._registry:
        info = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = model._default_manager.first()
        addresses += [info, f"{info}add/"]
        if obj is not None:
            addresses += [f"{info}{obj.pk}/change/", f"{info}{obj.pk}/history/"]
            addresses.append(f"{info}{obj.pk}/delete/")
    return addresses


@pytest.mark.parametrize("superuser", [False, True], ids=["staff", "superuser"])
def test_no_admin_address_answers_the_password_alone(client, superuser):
    user = get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=superuser
    )
    user.user_permissions.set(Permission.objects.all())
    authenticator(user)
    client.force_login(user)
    addresses = admin_addresses()
    assert len(addresses) > 30
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/admin/login/"), address
    # The same session, verified, reaches them (so the addresses are real).
    verified_login(client, user)
    assert client.get("/admin/news/article/").status_code == 200
    assert client.get(addresses[-1]).status_code in (200, 302)


# --- the lockout -----------------------------------------------------------------------------


def test_wrong_codes_lock_the_account_out_like_wrong_passwords(client, press, frozen, settings):
    authenticator(press)
    verify = log_in(client)["Location"]
    statuses = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        statuses.append(post_code(client, verify, "000000").status_code)
        frozen.shift(timedelta(seconds=20))
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert "_auth_user_id" not in client.session  # the session ended
    # The right password is refused now, from this address.
    assert log_in(type(client)()).status_code == 429


def test_wrong_passwords_and_wrong_codes_add_up(client, press, settings):
    authenticator(press)
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        assert log_in(type(client)(), password="wrong guess").status_code == 200
    verify = log_in(client)["Location"]
    assert post_code(client, verify, "000000").status_code == 200
    assert post_code(client, verify, "000000").status_code == 429


def test_wrong_codes_on_the_enrolment_page_count_too(client, press, settings):
    enrol = log_in(client)["Location"]
    statuses = [post_code(client, enrol, "000000").status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    assert log_in(type(client)()).status_code == 429


def test_a_locked_out_account_gets_no_further_in_another_session(client, press, settings):
    """Another session past the password, from the same address, cannot try codes either."""
    device = authenticator(press)
    other = type(client)()
    verify = log_in(other)["Location"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(type(client)(), password="wrong guess")
    assert post_code(other, verify, totp_code(device)).status_code == 429
    assert not reaches_the_admin(other)


def test_failed_passkeys_count_too(client, press, settings):
    authenticator(press)
    log_in(client)
    statuses = [
        client.post(
            "/admin/passkeys/authentication/complete/",
            "{}",
            content_type="application/json",
            REMOTE_ADDR=ADDRESS,
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429 and all(status >= 400 for status in statuses)
    # Said to the passkey script, in its JSON.
    assert client.post(
        "/admin/passkeys/authentication/complete/", "{}", content_type="application/json"
    ).status_code in (401, 403)  # the session has ended
    assert "_auth_user_id" not in client.session
    assert log_in(type(client)()).status_code == 429


def test_passkeys_never_stand_in_for_the_password(client):
    response = client.post("/admin/passkeys/authentication/begin/", content_type="application/json")
    assert response.status_code >= 400
    assert "_auth_user_id" not in client.session


def test_a_passkey_cannot_be_added_past_the_password_alone_once_there_is_a_factor(client, press):
    authenticator(press)
    log_in(client)
    response = client.post("/admin/passkeys/registration/begin/", content_type="application/json")
    assert response.status_code == 403


def test_the_steps_speak_the_staff_members_language(client, press):
    enrol = log_in(client)["Location"]
    page = text(client.get(enrol, HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Настройка второго шага входа" in page
    assert "Шестизначный код из приложения" in page
    authenticator(press)
    page = text(client.get("/admin/second-factor/", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Код из приложения-аутентификатора или резервный код" in page


def test_every_admin_page_links_to_the_recovery_codes(admin_client):
    page = admin_client.get("/admin/news/article/").content.decode()
    assert '<a href="/admin/second-factor/recovery-codes/">Recovery codes</a>' in page


def test_the_passkey_script_speaks_russian_too(client):
    """django-otp-webauthn's script has no Russian of its own: locale/ru/LC_MESSAGES/djangojs.po
    gives it, through the library's script catalog."""

    def catalog(language):
        script = client.get("/admin/passkeys/jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
        text, marker = script.content.decode(), "const newcatalog = "
        if marker not in text:  # no translation at all
            return {}
        return json.JSONDecoder().raw_decode(text, text.index(marker) + len(marker))[0]

    assert catalog("ru")["Verification aborted."] == "Проверка прервана."
    assert catalog("ru")["Registration successful!"] == "Ключ доступа настроен."
    assert "Verification aborted." not in catalog("en")
