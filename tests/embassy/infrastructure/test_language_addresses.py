"""A path in each of the site's languages and a language's Open Graph locale (no Django)."""

import pytest

from embassy.infrastructure.lib.languages import og_locale, path_in_language, path_language

CODES = ["en", "ru"]


@pytest.mark.parametrize(
    ("path", "language", "english", "russian"),
    [
        ("/", "en", "/", "/ru/"),
        ("/ru/", "ru", "/", "/ru/"),
        ("/ru", "ru", "/", "/ru/"),
        (
            "/news/search/?q=visit&page=2",
            "en",
            "/news/search/?q=visit&page=2",
            "/ru/news/search/?q=visit&page=2",
        ),
        (
            "/ru/news/?kind=speech&year=2022",
            "ru",
            "/news/?kind=speech&year=2022",
            "/ru/news/?kind=speech&year=2022",
        ),
        # A first segment that only starts like a code is no language.
        ("/russia/", "en", "/russia/", "/ru/russia/"),
        # The default language has no prefix: /en/ is not its address.
        ("/en/news/", "en", "/en/news/", "/ru/en/news/"),
    ],
)
def test_a_path_in_each_language(path, language, english, russian):
    assert path_language(path, CODES) == language
    assert path_in_language(path, "en", CODES) == english
    assert path_in_language(path, "ru", CODES) == russian


def test_the_default_language_is_the_first_whichever_it_is():
    codes = ["fr", "ru", "en"]
    assert path_in_language("/ru/news/", "fr", codes) == "/news/"
    assert path_in_language("/news/", "en", codes) == "/en/news/"
    assert path_language("/en/news/", codes) == "en"


@pytest.mark.parametrize(
    ("code", "host_region", "default", "locale"),
    [
        ("en", "GB", "en", "en_GB"),
        ("en", "US", "en", "en_US"),
        ("ru", "GB", "en", "ru_RU"),
        ("en", "FR", "fr", "en_GB"),
        ("fr", "FR", "fr", "fr_FR"),
        ("uk", "GB", "en", "uk_UA"),
        ("pt-br", "GB", "en", "pt_BR"),
        ("zh-hans", "GB", "en", "zh_CN"),
    ],
)
def test_the_open_graph_locale_of_a_language(code, host_region, default, locale):
    assert og_locale(code, host_region, default) == locale
