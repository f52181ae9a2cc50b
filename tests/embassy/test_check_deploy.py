"""The production profile: `manage.py check --deploy` is clean, and the safe values are the
defaults. Each check runs in a fresh interpreter, so the settings module is read anew."""

import pytest

from tests.helpers import fresh_interpreter, fresh_settings

pytestmark = pytest.mark.system

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "pR0d-" + "k7Qz" * 15,  # 65 characters, not a development key
    "ALLOWED_HOSTS": "www.embassy.example",
    # Shared by every worker (no connection is made by the checks).
    "CACHE_URL": "redis://cache.internal:6379/0",
}
SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]


def check_deploy(**variables):
    return fresh_interpreter(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **variables
    )


def security_settings(**variables):
    values = f"{{name: getattr(settings, name, None) for name in {SECURITY_SETTINGS!r}}}"
    return fresh_settings(values, **variables)


def test_check_deploy_reports_nothing_in_the_production_profile():
    result = check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr + result.stdout


def test_check_deploy_also_passes_behind_a_proxy_with_preloaded_hsts():
    result = check_deploy(**PRODUCTION, SECURE_PROXY_SSL_HEADER="true", SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stdout + result.stderr
    # The one check still silenced is django-otp-webauthn's wish for a fixed list of origins,
    # which the site's helper replaces with each request's own (two_factor.WebAuthnHelper).
    assert "System check identified no issues (1 silenced)" in result.stdout


@pytest.mark.parametrize(
    ("variable", "warning"),
    [
        ("SECURE_SSL_REDIRECT", "security.W008"),
        ("SESSION_COOKIE_SECURE", "security.W012"),
        ("CSRF_COOKIE_SECURE", "security.W016"),
        ("SECURE_HSTS_SECONDS", "security.W004"),
    ],
)
def test_check_deploy_catches_a_switch_turned_off(variable, warning):
    result = check_deploy(**PRODUCTION, **{variable: "0" if "SECONDS" in variable else "false"})
    assert result.returncode != 0
    assert warning in result.stderr + result.stdout


def test_production_defaults_are_the_safe_values():
    values = security_settings(**PRODUCTION)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    # The proxy header is trusted only when asked for: a client could otherwise send it.
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_development_keeps_plain_http_working():
    values = security_settings()
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_proxy_header_is_read_from_the_environment():
    values = security_settings(**PRODUCTION, SECURE_PROXY_SSL_HEADER="true")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_check_deploy_warns_of_a_cache_each_worker_keeps_to_itself():
    result = check_deploy(**{**PRODUCTION, "CACHE_URL": "locmemcache://"})
    assert result.returncode != 0
    assert "embassy.W001" in result.stderr + result.stdout
    # A cache every worker on the machine shares is fine (`make serve`), and so is none at all.
    for shared in ("filecache:///tmp/embassy-check-cache", "dummycache://"):
        assert check_deploy(**{**PRODUCTION, "CACHE_URL": shared}).returncode == 0, shared
