"""Settings for the embassy site: every value that varies between installations is read here,
from the environment or a .env file, and nowhere else. See .env.example and README."""

from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already in the environment win over the file.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

# Development needs no variable at all; production sets DEBUG=false and a real SECRET_KEY.
DEBUG = env.bool("DEBUG", default=True)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of 50 or more characters when DEBUG is off "
        "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# Signs backup archives (embassy/operations/archive.py); empty: a key derived from SECRET_KEY.
# Set it for backups that must outlive a change of SECRET_KEY.
BACKUP_KEY = env.str("BACKUP_KEY", default="")
if BACKUP_KEY and len(BACKUP_KEY) < 50:
    raise ImproperlyConfigured("BACKUP_KEY, when set, must be a random value of 50+ characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, whose forms it extends
    "embassy.infrastructure",
    "embassy.sitewide",
    "news",
    "consular",
    "embassy.pages",
    "embassy.operations",
    # Drafts of live content and their review (embassy/editorial/).
    "embassy.editorial",
    # Django's admin, its shortcuts permission-checked (embassy/infrastructure/admin_site.py).
    "embassy.infrastructure.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # The admin's rich-text editor; its scripts and styles ship in the package (no CDN).
    "django_prose_editor",
    "csp",
    "django.contrib.sitemaps",
    "phonenumber_field",
    "axes",
    # Staff's second factor (embassy/infrastructure/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "reversion",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security: first, so every response (cached pages too) gets the headers, and an oversized
    # upload is refused before anything reads its body.
    "embassy.infrastructure.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "embassy.infrastructure.security.UploadSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A browser asking again for a page it has (If-None-Match) gets 304 and no body.
    "django.middleware.http.ConditionalGetMiddleware",
    # A visitor who prefers another language goes from an unprefixed address to its own, before
    # the page cache could answer with the default language's page.
    "embassy.infrastructure.languages.PreferredLanguageMiddleware",
    # Performance: anonymous visitors' public pages come from the shared cache (a hit reads no
    # session and no database); after the security headers, so cached pages get them too.
    # Approved changes whose time has come are published before a cached page is answered.
    "embassy.editorial.middleware.DueChangesMiddleware",
    "embassy.infrastructure.page_cache.PublicPageCacheMiddleware",
    # Reliability: a lost database connection becomes the styled 503 page, not a traceback.
    "embassy.infrastructure.outage.DatabaseOutageMiddleware",
    # A page not found at an old address answers 301 to its new one (embassy/sitewide).
    "embassy.sitewide.redirects.RedirectFallbackMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "embassy.infrastructure.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "embassy.urls"
WSGI_APPLICATION = "embassy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "embassy.sitewide.context_processors.site",
                "embassy.sitewide.context_processors.site_header",
                "embassy.sitewide.context_processors.languages",
                "embassy.pages.context_processors.pages_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# By default a folder that every process on the machine shares (the development server,
# load_demo, a shell), so what one writes the others show at once; production uses Redis
# (CACHE_URL=redis://127.0.0.1:6379/0), which every app server shares.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache'}")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, with one client per process, and a Redis outage read as an empty cache
    # (embassy/infrastructure/redis_cache.py): each call gives up after CACHE_SOCKET_TIMEOUT
    # seconds, and after a failure Redis is left alone for CACHE_RETRY_SECONDS.
    CACHES["default"]["BACKEND"] = "embassy.infrastructure.redis_cache.RedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_timeout=env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
        socket_connect_timeout=env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
        retry_after=env.float("CACHE_RETRY_SECONDS", default=5.0),
    )
# Whole public pages for anonymous visitors (embassy/infrastructure/page_cache.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_EXCLUDED_PREFIXES = [
    "/admin/",
    "/language/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
    "/bench/",
]

# The lockout check comes first, so a locked-out login is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "embassy.infrastructure.lockout.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def site_languages(codes: list[str]) -> list[tuple[str, Any]]:
    """LANGUAGES from a list of codes, the default first; refuses a code Django does not know
    (it would have no name for the switcher and no date formats)."""
    from django.conf.locale import LANG_INFO

    unknown = [code for code in codes if code not in LANG_INFO or "name" not in LANG_INFO[code]]
    if not codes or unknown or len(set(codes)) != len(codes):
        raise ImproperlyConfigured(
            f"LANGUAGES must list distinct language codes Django knows, e.g. en,ru: {codes}"
        )
    return [(code, _(LANG_INFO[code]["name"])) for code in codes]


# The site's languages: the first is the default, served at unprefixed addresses (/news/); each
# other one under its code (/ru/news/). The host country's language first, then Russian.
LANGUAGES = site_languages([code.lower() for code in env.list("LANGUAGES", default=["en", "ru"])])
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in every language (django-modeltranslation; translation.py of each app): a field left
# empty in a language reads as the default language's.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = LANGUAGE_CODE  # slugs from the default language's title
# British dates and 24-hour times for English (Django's "en" formats are American); Russian
# keeps Django's, already without seconds.
FORMAT_MODULE_PATH = ["embassy.formats"]
# The host city's zone: day counters roll over and times are entered in it.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
# Article and event pictures (news.pictures): a larger file, or one of more pixels (a
# decompression bomb is a small file declaring huge dimensions), is refused with a form error.
# Keep IMAGE_UPLOAD_MAX_BYTES below any request-size limit, so the form explains a refusal.
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Shown in the header, the page titles and the feeds.
SITE_NAME = env.str("SITE_NAME", default="Embassy in London")

# Days a content version is kept; each object's latest is kept however old.
VERSIONS_KEPT_DAYS = env.int("VERSIONS_KEPT_DAYS", default=365)

# A second pair of eyes: nothing goes public without a publisher who did not prepare it
# (embassy/editorial/). Off: publishers publish directly; editors still submit for review.
REVIEW_REQUIRED = env.bool("REVIEW_REQUIRED", default=True)

# `make bench` only: routes /bench/minimal/, the yardstick view with no database access.
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)

# --- Reliability: database outages, sessions and media for more than one app server ----------
# Persistent connections in production (the development server's threads can't reuse them).
# Each is checked before its first use in a request, so after a database outage the site
# reconnects by itself, without a restart.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A request's writes are saved all together or not at all: losing the database half-way through
# an admin save leaves nothing half-written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Seconds an app server's request waits for any answer of PostgreSQL before it gets the 503
# page, and how long the database then counts as silent, every request that needs it getting
# the 503 page at once (embassy/infrastructure/database.py; 0: no bound, and SQLite has none).
DB_WAIT_TIMEOUT = 0.0
DB_RETRY_SECONDS = env.float("DB_RETRY_SECONDS", default=5.0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request after a few seconds (the 503 page) instead of
    # holding the worker until gunicorn's timeout; a dead peer is noticed by TCP keepalives.
    DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", default=5)
    DB_WAIT_TIMEOUT = env.float("DB_WAIT_TIMEOUT", default=DB_CONNECT_TIMEOUT + 3)
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    _pg_options.setdefault("keepalives", 1)
    _pg_options.setdefault("keepalives_idle", 10)
    _pg_options.setdefault("keepalives_interval", 3)
    _pg_options.setdefault("keepalives_count", 3)
# Sessions are kept in the database and read through the cache: any app server can answer any
# visitor, and a restart logs nobody out. Their keys are signed, so the page cache tells a
# made-up session cookie from a real one without a lookup (embassy/infrastructure/sessions.py).
SESSION_ENGINE = "embassy.infrastructure.sessions"
# Staff sessions' idle and absolute limits (embassy/infrastructure/staff_sessions.py).
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=8)
SESSION_COOKIE_AGE = STAFF_SESSION_IDLE_MINUTES * 60

# Uploads: the local filesystem (one machine, or a volume all app servers share), or
# S3-compatible object storage through django-storages (`pip install -r requirements/s3.txt`).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            # Empty: Amazon S3. Otherwise the provider's or MinIO's address.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            # Credentials: django-storages reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
            # from the environment (or .env) itself; without them boto3 looks further
            # (an instance role, ~/.aws).
            # "path" for MinIO and most S3-compatible servers.
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default=None),
            # A CDN or public host name in front of the bucket, for the files' URLs.
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "location": env.str("AWS_LOCATION", default=""),
            # Public media: plain URLs, no expiring signatures in cached pages.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            # An upload never replaces another file of the same name: it gets a new name.
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}."
    )
# --- end of Reliability -----------------------------------------------------------------------

# Consular desk: phone numbers are read as numbers of the host country unless written with
# a + and a country code, stored in E.164 and shown in the host country's national format.
PHONENUMBER_DEFAULT_REGION = env.str("PHONENUMBER_DEFAULT_REGION", default="GB").upper()
PHONENUMBER_DB_FORMAT = "E164"
# How the admin's forms show a stored number: international, so a foreign number reads right.
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for one account from
# one address, that account is refused from that address, right password or not, until the
# cool-off time has passed since the latest attempt. Other accounts, and the same account from
# elsewhere, are unaffected. The backend: embassy/infrastructure/lockout.py; the lockout page:
# templates/axes/lockout.html, answered with axes' AXES_HTTP_RESPONSE_CODE, 429.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures are forgotten when a login is complete, second factor included (two_factor.py).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Behind reverse proxies, how many of them append to X-Forwarded-For (0: use REMOTE_ADDR).
LOGIN_LOCKOUT_PROXY_COUNT = env.int("LOGIN_LOCKOUT_PROXY_COUNT", default=0)
# axes reads the address with django-ipware. Behind proxies: the entry of X-Forwarded-For that
# the outermost one appended, counted from the right, since a client can write anything at the
# left; REMOTE_ADDR when the header is shorter than that. ipware counts the proxies whose
# addresses follow the visitor's in the header: the last proxy's own is REMOTE_ADDR, not in it.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if LOGIN_LOCKOUT_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_IPWARE_PROXY_COUNT = LOGIN_LOCKOUT_PROXY_COUNT - 1 if LOGIN_LOCKOUT_PROXY_COUNT else None
# A header longer than the proxies made it (a client's own entries at its left) is read from
# the right all the same; strict, ipware would pass over it and count the proxy's address.
IPWARE_STRICT = False

# Staff's second factor (embassy/infrastructure/two_factor.py); passkeys never replace passwords.
OTP_TOTP_ISSUER = SITE_NAME
OTP_WEBAUTHN_HELPER_CLASS = "embassy.infrastructure.two_factor.WebAuthnHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "embassy.infrastructure.two_factor.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "embassy.infrastructure.two_factor.relying_party_name"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]  # the helper allows each request's own origin

# ---------------------------------------------------------------------------------------------
# Security (issue 7). With DEBUG off every switch defaults to the safe value, and
# `manage.py check --deploy` reports nothing. docs/deploy.md shows the reverse proxy they expect.
# ---------------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer probes the app servers over plain HTTP; a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
# Behind a TLS-terminating proxy the app sees plain HTTP; the proxy says "https" in this header.
# Only safe when the proxy always sets it, overwriting any copy a client sent.
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE: Literal["Lax", "Strict", "None", False] = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The visitor's language, set by the switcher (embassy/infrastructure/languages.py): read only by
# the server, sent over HTTPS as the session is; kept a year (Django's default ends with the
# browser's session, and the visitor would be sent by their browser's language again).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole registered domain and every subdomain to HTTPS for good; that
    # is the domain owner's decision (docs/deploy.md), so its absence is not a warning here.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Features no page of the site uses, switched off for the page and anything it embeds
# (django-permissions-policy: an empty list is "()", and a name it does not know fails loudly);
# passkeys for this origin only (the admin's second step).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer autoplay browsing-topics camera display-capture encrypted-media "
        "geolocation gyroscope hid magnetometer microphone midi payment picture-in-picture "
        "screen-wake-lock serial usb xr-spatial-tracking"
    ).split()
} | {"publickey-credentials-get": ["self"]}

# Content-Security-Policy (django-csp). Public pages: no inline script or style and no nonce
# (a cached page would carry a stale one); JSON-LD blocks are data and need no script-src.
# When uploads come from another origin (object storage, a CDN in MEDIA_URL), the middleware
# adds that origin to img-src (embassy.infrastructure.security.media_origin).
_CSP_SELF, _CSP_NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
    }
}
# The admin and its editor (embassy.infrastructure.security.ContentSecurityPolicyMiddleware):
# the public policy, relaxed only where a real browser showed the admin needs it
# (tests/browser/test_csp.py): the middleware adds the hash of the editor's inline import map to
# script-src, and style-src allows, by its hash, the one stylesheet the editor's script inserts
# (tiptap's base CSS for the editing area). tests/embassy/infrastructure/test_security_headers.py
# recomputes it from the installed django-prose-editor, so an upgrade that changes it fails
# there first.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": [_CSP_SELF, PROSE_EDITOR_STYLE_HASH],
    }
}

# Uploads. A multipart body over MAX_UPLOAD_BYTES is refused with 413 before it is read
# (embassy.infrastructure.security.UploadSizeLimitMiddleware); the proxy's client_max_body_size
# matches it.
# The non-file fields of a form (an article's body) may take up to DATA_UPLOAD_MAX_MEMORY_SIZE.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The default leaves room for the largest image the forms accept plus the other fields, so an
# image just over its own limit gets the form's clear message, not this blunt refusal.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=IMAGE_UPLOAD_MAX_BYTES + 3 * 1024 * 1024)
# Larger files go to a temporary file instead of memory while a request is parsed.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o644
# --- end of Security --------------------------------------------------------------------------
