"""Money primitives shared by the fee rules and the API: strict decimal strings, the named
rounding, exchange-rate conversion, the largest-remainder split and plain formatting.

Pure Python. Every division runs in a local context of 50 significant digits, so only the
explicit, named roundings ever change a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

from flask_babel import gettext as _

MONEY_DECIMALS = 2
RATE_DECIMALS = 6
# 15 digits before the point keeps every amount, in cents, inside a signed 64-bit integer.
MAX_INTEGER_DIGITS = 15
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
PRECISION = 50

_DECIMAL_RE = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?", re.ASCII)

Errors = dict[str, list[str]]


class ValidationError(ValueError):
    """A value failed validation; ``fields`` maps field paths to their messages."""

    def __init__(self, fields: Mapping[str, Iterable[str]]) -> None:
        self.fields: dict[str, list[str]] = {key: list(msgs) for key, msgs in fields.items()}
        summary = "; ".join(f"{key}: {', '.join(msgs)}" for key, msgs in self.fields.items())
        super().__init__(summary or "invalid value")


def add_error(errors: Errors, field: str, message: str) -> None:
    """Append ``message`` to the messages of ``field``."""
    errors.setdefault(field, []).append(message)


def _is_json_number(value: object) -> bool:
    # The API parses JSON floats into crm.api.core.JsonNumberText (not imported: this module
    # stays pure), so a number sent for a money field is named as such, like an int.
    return isinstance(value, bool | int | float) or type(value).__name__ == "JsonNumberText"


def _decimal_problem(
    value: object, max_decimals: int, allow_negative: bool, max_integer_digits: int
) -> str | None:
    if _is_json_number(value):
        return _('must be a decimal string such as "12.50", not a JSON number')
    if not isinstance(value, str):
        return _('must be a decimal string such as "12.50"')
    match = _DECIMAL_RE.fullmatch(value)
    if match is None:
        return _('must be a plain decimal number such as "12.50" (no spaces, "+" or exponent)')
    sign, whole, fraction = match.groups()
    if sign and not allow_negative:
        return _("must not be negative")
    if len(fraction or "") > max_decimals:
        if max_decimals == 0:
            return _("must be a whole number")
        return _("must have at most %(n)s decimals", n=max_decimals)
    if len(whole.lstrip("0")) > max_integer_digits:
        return _(
            "is too large (at most %(n)s digits before the decimal point)", n=max_integer_digits
        )
    return None


def parse_decimal_string(
    value: object,
    field: str,
    errors: Errors,
    *,
    max_decimals: int,
    allow_negative: bool = False,
    max_integer_digits: int = MAX_INTEGER_DIGITS,
) -> Decimal | None:
    """Parse a strict decimal string (``-?[0-9]+(.[0-9]+)?``) exactly into a Decimal.

    On failure one message is appended to ``errors[field]`` and None is returned. JSON numbers,
    booleans, exponents, surrounding spaces, ``+``, ``.5``, NaN and Infinity are refused; a
    leading minus only when ``allow_negative`` is set.
    """
    problem = _decimal_problem(value, max_decimals, allow_negative, max_integer_digits)
    if problem is not None:
        add_error(errors, field, problem)
        return None
    assert isinstance(value, str)
    return Decimal(value)


def parse_amount(
    value: object, field: str = "amount", *, decimals: int = MONEY_DECIMALS
) -> Decimal:
    """Parse a non-negative money string with at most ``decimals`` decimals, or raise.

    Raises ValidationError naming ``field``; the result is quantized to ``decimals`` places.
    """
    errors: Errors = {}
    number = parse_decimal_string(value, field, errors, max_decimals=decimals)
    if number is None:
        raise ValidationError(errors)
    return number.quantize(Decimal(1).scaleb(-decimals))


def parse_exchange_rate(value: object, field: str = "rate") -> Decimal:
    """Parse an exchange rate (units per 1 EUR): > 0, at most 6 decimals, or raise."""
    errors: Errors = {}
    rate = parse_decimal_string(value, field, errors, max_decimals=RATE_DECIMALS)
    if rate is not None and rate == 0:
        add_error(errors, field, _("must be greater than 0"))
    if errors:
        raise ValidationError(errors)
    assert rate is not None
    return rate


def round_half_up(value: Decimal) -> Decimal:
    """Round to cents, halves away from zero: the only rounding the fee rules use."""
    with localcontext(prec=PRECISION):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def require_cents(value: Decimal, name: str = "amount", *, allow_negative: bool = False) -> None:
    """Raise TypeError/ValueError unless ``value`` is a finite Decimal with at most 2 decimals."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name} must be finite")
    if value < 0 and not allow_negative:
        raise ValueError(f"{name} must not be negative")
    with localcontext(prec=PRECISION):
        if value.quantize(CENT) != value:
            raise ValueError(f"{name} must have at most 2 decimals")


def convert_to_eur(value: Decimal, rate: Decimal) -> Decimal:
    """Convert ``value`` with ``rate`` units per 1 EUR: ``round_half_up(value / rate)``."""
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
        raise ValueError("rate must be a positive, finite Decimal")
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError("value must be a finite Decimal")
    with localcontext(prec=PRECISION):
        return round_half_up(value / rate)


def _check_shares(shares: Sequence[Decimal]) -> None:
    if not shares:
        raise ValueError("at least one share is needed")
    if any(not isinstance(share, Decimal) or not share > 0 for share in shares):
        raise ValueError("every share must be a Decimal greater than 0")
    if sum(shares, Decimal(0)) != HUNDRED:
        raise ValueError("shares must add up to exactly 100")


def largest_remainder_split(total: Decimal, shares: Sequence[Decimal]) -> list[Decimal]:
    """Divide ``total`` (cents) by percentage ``shares`` adding up to 100, to the cent.

    Each exact part ``total * share / 100`` is rounded towards zero to cents; the cents still
    missing go one at a time to the largest discarded remainders, ties to the earliest share.
    The parts always add up to ``total``. A negative total is split like its absolute value.
    """
    require_cents(total, "total", allow_negative=True)
    _check_shares(shares)
    sign = -1 if total < 0 else 1
    with localcontext(prec=PRECISION):
        cents = int(abs(total) * 100)
        exact = [cents * share / HUNDRED for share in shares]
        parts = [int(part) for part in exact]  # int() truncates; every part is >= 0
        missing = cents - sum(parts)
        order = sorted(range(len(parts)), key=lambda i: (parts[i] - exact[i], i))
        for index in order[:missing]:
            parts[index] += 1
    return [Decimal(sign * part).scaleb(-2) for part in parts]


def format_decimal_plain(value: Decimal) -> str:
    """No trailing zeros, no exponent: ``7.50`` -> ``7.5``, ``1E+1`` -> ``10``."""
    if not value.is_finite():
        raise ValueError("only finite values can be formatted")
    if value == 0:
        return "0"
    with localcontext(prec=PRECISION):
        return f"{value.normalize():f}"


def format_money(value: Decimal, decimals: int = MONEY_DECIMALS) -> str:
    """Write a Decimal with exactly ``decimals`` decimals; refuse to round silently.

    Raises ValueError when the value has more decimals: round it first, explicitly.
    """
    if not value.is_finite():
        raise ValueError("only finite values can be formatted")
    with localcontext(prec=PRECISION):
        fixed = value.quantize(Decimal(1).scaleb(-decimals))
    if fixed != value:
        raise ValueError(f"{value} has more than {decimals} decimals; round it first")
    return f"{fixed.copy_abs() if fixed == 0 else fixed:f}"
