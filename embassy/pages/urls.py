from django.conf import settings
from django.urls import path, register_converter

from embassy.pages import navigation, views

# The first parts of the addresses that exist in one language only (the admin, the switcher's
# view, the probes, the files; the page of too many requests): never a page's. Without them here
# the catch-all below would answer /ru/admin/ as a page's address, and the first visit's
# redirect (embassy/infrastructure/languages.py) would send staff there.
ONE_ADDRESS = sorted(
    {prefix.strip("/") for prefix in settings.PAGE_CACHE_EXCLUDED_PREFIXES} | {"too-many-requests"}
)


class PagePathConverter:
    """The path of a page that exists (published or not): embassy/ambassador. Any other address
    is not found by the resolver, as before pages had addresses: the first visit's redirect
    leaves it alone, and its 404 costs no query (the paths are remembered)."""

    regex = rf"(?!(?:{'|'.join(ONE_ADDRESS)})(?:/|$))[-\w]+(?:/[-\w]+)*"

    def to_python(self, value: str) -> str:
        if value not in navigation.known_paths():
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PagePathConverter, "page_path")

app_name = "pages"

# Last of the site's public addresses: every address no other part of the site answers may be
# a page's (Page.address_is_free() keeps pages off the others', the site map's too).
urlpatterns = [
    path("site-map/", views.site_map, name="site-map"),
    path("<page_path:path>/", views.PageView.as_view(), name="page"),
]
