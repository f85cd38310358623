"""Locale choice and locale-aware formatting of money and dates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale, refresh
from flask_login import current_user

LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}


def select_locale() -> str:
    """The signed-in user's choice, else the session's, else the browser's.

    Outside a request (CLI, the job worker) the default locale.
    """
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config.get("BABEL_DEFAULT_LOCALE", languages[0])
    user_locale = getattr(current_user, "locale", None) if current_user else None
    for choice in (user_locale, session.get("locale")):
        if choice in languages:
            return choice
    return request.accept_languages.best_match(languages) or languages[0]


def remember_locale(locale: str) -> bool:
    """Keep `locale` for this browser (and the caller stores it on the user). False if unknown."""
    if locale not in current_app.config["LANGUAGES"]:
        return False
    session["locale"] = locale
    refresh()
    return True


def minor_to_decimal(minor: int, currency: str) -> Decimal:
    """Integer minor units -> Decimal with the currency's decimals (EUR 123456 -> 1234.56)."""
    digits = get_currency_precision(currency)
    return Decimal(minor).scaleb(-digits)


def decimal_to_minor(amount: Decimal, currency: str) -> int:
    digits = get_currency_precision(currency)
    return int(amount.scaleb(digits).to_integral_value(rounding=ROUND_HALF_UP))


def money(amount: Decimal | None, currency: str) -> str:
    """Format for the reader's locale; quantize first because Babel rounds half-even."""
    if amount is None:
        return "–"
    exp = Decimal(1).scaleb(-get_currency_precision(currency))
    quantized = amount.quantize(exp, rounding=ROUND_HALF_UP)
    return format_currency(quantized, currency, locale=str(get_locale() or "en"))


def money_minor(minor: int | None, currency: str | None) -> str:
    if minor is None or currency is None:
        return "–"
    return money(minor_to_decimal(minor, currency), currency)
