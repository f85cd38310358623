"""Country and language codes (ISO 3166 alpha-2, ISO 639-1) with names in the reader's locale."""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import get_locale

# Babel territories that are groupings or placeholders rather than countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def _locale() -> Locale:
    try:
        return get_locale() or Locale("en")
    except RuntimeError:  # outside a request (CLI, demo)
        return Locale("en")


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166 alpha-2 country code Babel knows."""
    names = Locale("en").territories
    return frozenset(c for c in names if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


@cache
def language_codes() -> frozenset[str]:
    """Every ISO 639-1 language code Babel knows."""
    return frozenset(c for c in Locale("en").languages if len(c) == 2 and c.isalpha())


def country_name(code: str | None) -> str:
    """A country's name in the reader's language."""
    if not code:
        return ""
    return _locale().territories.get(code, code)


def language_name(code: str) -> str:
    """A language's name in the reader's language."""
    return _locale().languages.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in the reader's locale."""
    names = _locale().territories
    return sorted(((c, names.get(c, c)) for c in country_codes()), key=lambda p: p[1])


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of every language, sorted by name."""
    names = _locale().languages
    return sorted(((c, names.get(c, c)) for c in language_codes()), key=lambda p: p[1])
