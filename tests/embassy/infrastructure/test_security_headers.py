"""Security headers on public pages and the admin, HTTPS handling, cookies and upload limits."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import path, reverse
from django.views.static import serve

from embassy.infrastructure.security import import_map_hashes
from embassy.urls import urlpatterns as site_urlpatterns
from tests.factories import make_article, make_event

EXPECTED_PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SWITCHED_OFF_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def media(request, path):
    """Django's development file server, reading MEDIA_ROOT when called (tests change it)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The development URLconf with media served as `make run` serves it (DEBUG adds it at import).
urlpatterns = [path("media/<path:path>", media), *site_urlpatterns]


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in SWITCHED_OFF_FEATURES:
        assert permissions[feature] == "()", feature
    # Every feature of the setting, and nothing else, is switched off, but passkeys, which this
    # site's own pages may use (the admin's second step) and nothing they embed.
    assert permissions.pop("publickey-credentials-get") == "(self)"
    assert permissions == {
        feature: "()"
        for feature in settings.PERMISSIONS_POLICY
        if feature != "publickey-credentials-get"
    }
    return parse_csp(response["Content-Security-Policy"])


@pytest.fixture
def public_paths(db):
    article = make_article(title="A speech")
    event = make_event(title="A reception")
    return [
        reverse("home"),
        reverse("news:archive"),
        article.get_absolute_url(),
        event.get_absolute_url(),
    ]


def test_public_pages_carry_every_header_and_the_strict_policy(client, public_paths):
    for page in public_paths:
        response = client.get(page)
        assert response.status_code == 200, page
        assert assert_common_headers(response) == EXPECTED_PUBLIC_CSP, page


def test_not_found_page_carries_every_header_and_the_strict_policy(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert assert_common_headers(response) == EXPECTED_PUBLIC_CSP


def test_public_policy_allows_nothing_inline_nor_eval():
    for directive, sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items():
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"):
            assert unsafe not in sources, (directive, unsafe)


# What the public policy refuses: style attributes and elements, event-handler attributes,
# javascript: URLs, and script elements without src other than JSON-LD data blocks.
INLINE_CODE = re.compile(
    r"""<[^>]*\s(?:style|on[a-z]+)\s*=|<style|javascript:"""
    r"""|<script(?![^>]*\bsrc=)(?![^>]*type="application/ld\+json")""",
    re.IGNORECASE,
)


def test_templates_keep_no_inline_script_or_style():
    found = [
        f"{template.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}"
        for template in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
        for number, line in enumerate(template.read_text().splitlines(), start=1)
        if INLINE_CODE.search(line)
    ]
    assert found == []


def test_the_inline_code_pattern_catches_what_the_policy_refuses():
    for line in (
        '<p style="color: red">',
        "<style>p {}</style>",
        '<button onclick="go()">',
        '<a href="javascript:go()">',
        "<script>go()</script>",
        '<script type="module">go()</script>',
    ):
        assert INLINE_CODE.search(line), line
    for line in (
        '<script src="/static/js/clock.js" defer></script>',
        '<script type="application/ld+json">{}</script>',
        '<link rel="stylesheet" href="/static/css/site.css">',
        "<p>Someone said: one=two</p>",
    ):
        assert not INLINE_CODE.search(line), line


def test_admin_login_page_carries_every_header_and_the_admin_policy(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    policy = assert_common_headers(response)
    assert policy == {
        name: list(sources)
        for name, sources in settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }
    # Never looser than the public policy where it matters most, whatever the editor needs.
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_admin_pages_of_a_logged_in_editor_carry_the_admin_policy(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert parse_csp(response["Content-Security-Policy"]) == {
        name: list(sources)
        for name, sources in settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }


def test_uploads_served_from_another_origin_are_allowed_as_images(client, admin_client, settings):
    settings.MEDIA_URL = "https://media.embassy.example/uploads/"
    for page in (client.get("/"), admin_client.get(reverse("admin:index"))):
        policy = parse_csp(page["Content-Security-Policy"])
        assert policy["img-src"] == ["'self'", "https://media.embassy.example"]
        assert policy["default-src"] == ["'self'"]


def test_admin_page_with_the_editor_allows_its_import_map_by_hash_only(admin_client):
    response = admin_client.get(reverse("admin:news_article_add"))
    assert response.status_code == 200
    import_maps = re.findall(r'<script type="importmap">(.*?)</script>', response.text, re.S)
    assert len(import_maps) == 1
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", sha256_source(import_maps[0].encode())]
    assert policy["style-src"] == ["'self'", settings.PROSE_EDITOR_STYLE_HASH]


def test_import_map_hashes_are_taken_from_import_maps_only():
    page = (
        b'<script type="importmap">{"imports": {"a": "/static/a.js"}}</script>'
        b'<script>alert(1)</script><script type="application/ld+json">{}</script>'
        b'<script type="importmap" data-x="1">{}</script>'
    )
    assert import_map_hashes(page) == [
        sha256_source(b'{"imports": {"a": "/static/a.js"}}'),
        sha256_source(b"{}"),
    ]
    assert import_map_hashes(b"<p>No script.</p>") == []


def test_the_editor_style_hash_is_that_of_the_installed_editors_stylesheet():
    """django-prose-editor's editor.js inserts tiptap's base CSS as a <style> element; the admin
    policy allows exactly that text. An upgrade that changes it must update the setting."""
    import django_prose_editor

    script = (
        Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    ).read_text(encoding="utf-8")
    start = script.index(".ProseMirror {\n  position: relative;")
    stylesheet = script[start : script.index("`", start)]
    assert sha256_source(stylesheet.encode()) == settings.PROSE_EDITOR_STYLE_HASH


def sha256_source(text: bytes) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text).digest()).decode()}'"


def test_hsts_is_sent_only_over_https_and_covers_subdomains(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert "Strict-Transport-Security" not in client.get("/")
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_plain_http_is_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/news/?page=2")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/news/?page=2"


def test_proxy_header_is_trusted_only_when_switched_on(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    forwarded = {"HTTP_X_FORWARDED_PROTO": "https"}
    # Not switched on: a client cannot claim HTTPS by sending the header itself.
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 301

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_proxy = Client(**forwarded)
    response = behind_proxy.get("/")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=3600")
    assert Client().get("/").status_code == 301


def test_health_probes_are_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    for probe in ("/healthz", "/readyz", "/healthz/", "/readyz/"):
        response = client.get(probe)
        assert not response.get("Location", "").startswith("https://"), probe


def test_session_and_csrf_cookies_are_secure_and_the_session_cookie_http_only(db, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    User.objects.create_superuser("editor", "editor@example.org", "a long pass phrase")
    client = Client(enforce_csrf_checks=True)
    login = reverse("admin:login")
    form = client.get(login, secure=True)
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        login,
        {
            "username": "editor",
            "password": "a long pass phrase",
            "csrfmiddlewaretoken": csrf.value,
            "next": reverse("admin:index"),
        },
        secure=True,
        headers={"Referer": "https://testserver" + login},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302, response.content[:500]
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


MULTIPART = "multipart/form-data; boundary=BoUnDaRy"


def multipart_body(size: int) -> bytes:
    return (
        b"--BoUnDaRy\r\n"
        b'Content-Disposition: form-data; name="image"; filename="big.png"\r\n'
        b"Content-Type: image/png\r\n\r\n" + b"\0" * size + b"\r\n--BoUnDaRy--\r\n"
    )


def test_oversized_multipart_body_is_refused_before_it_is_read(client, db):
    login = reverse("admin:login")
    # The declared length exceeds the limit; the few bytes sent could never satisfy a read of
    # that length (the test client raises if anything tries), so 413 proves nothing read it.
    response = client.post(
        login,
        data=multipart_body(10),
        content_type=MULTIPART,
        CONTENT_LENGTH=str(settings.MAX_UPLOAD_BYTES + 1),
    )
    assert response.status_code == 413
    assert b"Upload too large" in response.content
    assert f"{settings.MAX_UPLOAD_BYTES // 2**20} MB".encode() in response.content
    # Refused before the inner middleware ran, yet with the outer security headers.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_PUBLIC_CSP


def test_multipart_body_within_the_limit_reaches_the_view(client, db, settings):
    settings.MAX_UPLOAD_BYTES = 4096
    login = reverse("admin:login")
    # The login view parsed the body and showed its form again (no credentials in it).
    response = client.post(login, data=multipart_body(3900), content_type=MULTIPART)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.post(login, data=multipart_body(4000), content_type=MULTIPART).status_code == (
        413
    )


def test_an_oversized_upload_to_the_admin_saves_nothing(admin_client, settings):
    from embassy.sitewide.models import Clock

    settings.MAX_UPLOAD_BYTES = 4096
    response = admin_client.post(
        reverse("admin:embassy_clock_add"),
        data=multipart_body(8000).replace(b'name="image"', b'name="city"'),
        content_type=MULTIPART,
    )
    assert response.status_code == 413
    assert not Clock.objects.exists()


def test_oversized_form_fields_are_a_clear_400_not_a_crash(client, db):
    body = "username=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        reverse("admin:login"), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_the_upload_limit_leaves_room_for_the_largest_image_and_the_other_fields():
    largest_form = settings.IMAGE_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert largest_form < settings.MAX_UPLOAD_BYTES <= largest_form + 2**20
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < settings.IMAGE_UPLOAD_MAX_BYTES


@pytest.mark.urls(__name__)
def test_uploaded_files_are_served_with_their_type_nosniff_and_the_policy(client, db, settings):
    folder = settings.MEDIA_ROOT / "images" / "2024" / "05"
    folder.mkdir(parents=True)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    (folder / "note.html").write_text("<script>alert(1)</script>")
    response = client.get("/media/images/2024/05/photo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Even a file a browser would render as a page runs no script under the policy.
    page = client.get("/media/images/2024/05/note.html")
    assert "'unsafe-inline'" not in parse_csp(page["Content-Security-Policy"])["script-src"]
    assert client.get("/media/../settings.py").status_code in {400, 404}
