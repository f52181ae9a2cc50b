from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView, TemplateView

from embassy.infrastructure import health, languages, security, two_factor_views
from embassy.infrastructure.page_cache import reads_query
from embassy.operations.bench_views import minimal
from news.sitemaps import SITEMAPS
from news.views import home

# A database outage raised outside a view still gets the 503 page
# (embassy/infrastructure/outage.py).
handler500 = "embassy.infrastructure.outage.server_error"

# The public pages, in every language: the default one's at unprefixed addresses (/news/, as
# they always were), the others' under their code (/ru/news/). The address alone says the
# language, so caches key pages by it (embassy/infrastructure/languages.py). The feeds are
# pages like the others: /ru/news/feed/rss/ lists the items at their Russian addresses.
urlpatterns = i18n_patterns(
    path("", home, name="home"),
    path("news/", include("news.urls")),
    path("consular/", include("consular.urls")),
    prefix_default_language=False,
)

# One address for every language: the sitemap names each page's alternates itself.
urlpatterns += [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        reads_query("p")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    # Browsers ask for /favicon.ico whatever the page says: sent to the static file, for good.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static_url, str)("icons/favicon.ico"), permanent=True),
        name="favicon",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # The switcher's links: remember the visitor's choice, go to the page in that language.
    path("language/<str:code>/", languages.choose, name="language"),
    # Passkeys in the login's second step (django-otp-webauthn's JSON views); before the admin,
    # whose addresses it shares.
    path("admin/passkeys/", two_factor_views.passkeys),
    path("admin/", admin.site.urls),
    # For load balancers: the process answers; it can reach the database and the cache.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Shown by the reverse proxy to an address over its rate limit (deploy/nginx.conf).
    path("too-many-requests/", security.too_many_requests, name="too-many-requests"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCHMARK_VIEWS:
    urlpatterns += [path("bench/minimal/", minimal)]

# The pages, in every language, last: any address nothing above answers may be a page's (its
# path, /embassy/ambassador/; Page.address_is_free() keeps pages off the addresses above).
urlpatterns += i18n_patterns(
    path("", include("embassy.pages.urls")),
    prefix_default_language=False,
)
