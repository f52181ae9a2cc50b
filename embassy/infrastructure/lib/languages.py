"""Addresses in each of the site's languages, and the Open Graph locale of a language: no Django.

The default language's pages are at unprefixed paths (/news/), every other language's under its
code (/ru/news/); the rest of the path is the same in every language.
"""

from __future__ import annotations

# The country a language's Open Graph locale names when it is not the host country's language
# and its code alone does not say it (ru -> ru_RU needs no entry; en -> en_GB does).
TERRITORIES = {
    "ar": "SA",
    "be": "BY",
    "cs": "CZ",
    "da": "DK",
    "el": "GR",
    "en": "GB",
    "et": "EE",
    "fa": "IR",
    "he": "IL",
    "hi": "IN",
    "hy": "AM",
    "ja": "JP",
    "ka": "GE",
    "kk": "KZ",
    "ko": "KR",
    "sl": "SI",
    "sr": "RS",
    "sv": "SE",
    "uk": "UA",
    "vi": "VN",
    "zh-hans": "CN",
    "zh-hant": "TW",
}


def path_language(path: str, codes: list[str]) -> str:
    """The language of a path: the code its first segment names, else the default (codes[0])."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in codes[1:] else codes[0]


def path_in_language(path: str, code: str, codes: list[str]) -> str:
    """The same path in another language: '/ru/news/?q=x' in 'en' is '/news/?q=x'."""
    rest = path
    if path_language(path, codes) != codes[0]:
        rest = "/" + path.lstrip("/").split("/", 1)[1] if path.count("/") > 1 else "/"
    if code == codes[0]:
        return rest
    return f"/{code}{rest}"


def og_locale(code: str, host_region: str, default: str) -> str:
    """The Open Graph locale (language_TERRITORY) of a language: the host country for the
    default language (en in the United Kingdom: en_GB), else the code's own region (pt-br:
    pt_BR) or its usual country (ru: ru_RU)."""
    language, _, region = code.partition("-")
    if region and code not in TERRITORIES:
        return f"{language}_{region.upper()}"
    if code == default and host_region:
        return f"{language}_{host_region.upper()}"
    return f"{language}_{TERRITORIES.get(code, language.upper())}"
