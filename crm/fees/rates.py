"""Exchange rates: the rate in force on a date, and entering or changing a rate by hand.

A rate is *units of the currency per 1 EUR* (the ECB convention), stored as integer
millionths. The rate in force on a day is the latest one dated on or before it. EUR is the
base: its rate is always exactly 1 and is never stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from babel.numbers import is_currency
from flask_babel import gettext as _
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from crm.audit.service import record
from crm.extensions import db
from crm.fees.errors import FeeConflict
from crm.fees.models import MANUAL, ExchangeRate
from crm.fees.money import (
    Errors,
    ValidationError,
    add_error,
    format_decimal_plain,
    parse_exchange_rate,
)

BASE_CURRENCY = "EUR"
_CURRENCY_RE = re.compile(r"[A-Z]{3}", re.ASCII)
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# 12 digits before the point keeps every rate, in millionths, inside a signed 64-bit integer.
MAX_RATE = Decimal(10) ** 12


def to_millionths(rate: Decimal) -> int:
    """An exact rate with at most 6 decimals -> integer millionths (refuses to round)."""
    scaled = rate.scaleb(6)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{rate} has more than 6 decimals")
    return int(scaled)


def from_millionths(millionths: int) -> Decimal:
    """Integer millionths -> the exact Decimal rate."""
    return Decimal(millionths).scaleb(-6)


def rate_on(currency: str, day: date) -> Decimal | None:
    """The rate of ``currency`` in force on ``day`` (latest on or before it); EUR is 1.

    None when no rate is dated on or before ``day``.
    """
    if currency == BASE_CURRENCY:
        return Decimal(1)
    millionths = db.session.scalar(
        select(ExchangeRate.rate_millionths)
        .where(ExchangeRate.currency == currency, ExchangeRate.day <= day)
        .order_by(ExchangeRate.day.desc())
        .limit(1)
    )
    return None if millionths is None else from_millionths(millionths)


def latest_rates(currencies: Iterable[str], day: date) -> dict[str, Decimal]:
    """The rate in force on ``day`` for each currency, in ONE query (EUR is 1, no query).

    Currencies without a rate on or before ``day`` are absent from the result.
    """
    wanted = {code for code in currencies if code}
    result: dict[str, Decimal] = {}
    if BASE_CURRENCY in wanted:
        result[BASE_CURRENCY] = Decimal(1)
        wanted.discard(BASE_CURRENCY)
    if not wanted:
        return result
    newest = (
        select(ExchangeRate.currency, func.max(ExchangeRate.day).label("day"))
        .where(ExchangeRate.currency.in_(sorted(wanted)), ExchangeRate.day <= day)
        .group_by(ExchangeRate.currency)
        .subquery()
    )
    rows = db.session.execute(
        select(ExchangeRate.currency, ExchangeRate.rate_millionths).join(
            newest,
            and_(ExchangeRate.currency == newest.c.currency, ExchangeRate.day == newest.c.day),
        )
    )
    for currency, millionths in rows:
        result[currency] = from_millionths(millionths)
    return result


def parse_rate_input(currency: object, day: object, rate: object) -> tuple[str, date, Decimal]:
    """Check a rate entered by hand or sent to the API; raise ValidationError per field.

    ``currency`` is an ISO 4217 code other than EUR, ``day`` an ISO date, ``rate`` a decimal
    string > 0 with at most 6 decimals.
    """
    errors: Errors = {}
    code = _check_currency(currency, errors)
    the_day = _check_day(day, errors)
    try:
        the_rate = parse_exchange_rate(rate, "rate")
        if the_rate >= MAX_RATE:
            add_error(errors, "rate", _("is too large (at most 12 digits before the point)"))
    except ValidationError as exc:
        errors.update(exc.fields)
        the_rate = None
    if errors:
        raise ValidationError(errors)
    assert code is not None and the_day is not None and the_rate is not None
    return code, the_day, the_rate


def _check_currency(value: object, errors: Errors) -> str | None:
    if not isinstance(value, str) or not _CURRENCY_RE.fullmatch(value):
        add_error(errors, "currency", _("must be a three-letter currency code such as USD"))
    elif value == BASE_CURRENCY:
        add_error(errors, "currency", _("EUR is the base currency: its rate is always 1"))
    elif not is_currency(value):
        add_error(errors, "currency", _("is not a known currency code"))
    else:
        return value
    return None


def _check_day(value: object, errors: Errors) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    add_error(errors, "date", _("must be an ISO date such as 2026-05-04"))
    return None


def _snapshot(row: ExchangeRate) -> dict:
    return {
        "currency": row.currency,
        "day": row.day,
        "rate": str(from_millionths(row.rate_millionths)),
        "source": row.source,
    }


def _duplicate(currency: str, day: date) -> FeeConflict:
    return FeeConflict(
        _(
            "A %(currency)s rate for %(day)s is already recorded: change that one instead.",
            currency=currency,
            day=day.isoformat(),
        ),
        field="date",
    )


def _exists(currency: str, day: date, except_id: int | None = None) -> bool:
    stmt = select(ExchangeRate.id).where(ExchangeRate.currency == currency, ExchangeRate.day == day)
    if except_id is not None:
        stmt = stmt.where(ExchangeRate.id != except_id)
    return db.session.scalar(stmt.limit(1)) is not None


def _flush_or_conflict(currency: str, day: date) -> None:
    # The unique (currency, day) constraint settles a race between two admins.
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise _duplicate(currency, day) from None


def add_rate(currency: str, day: date, rate: Decimal, user) -> ExchangeRate:
    """Record a rate entered by hand; FeeConflict (409) when that currency and day exist."""
    if _exists(currency, day):
        raise _duplicate(currency, day)
    row = ExchangeRate(
        currency=currency,
        day=day,
        rate_millionths=to_millionths(rate),
        source=MANUAL,
        created_by_id=getattr(user, "id", None),
    )
    db.session.add(row)
    _flush_or_conflict(currency, day)
    record("fees.exchange_rate.create", row, after=_snapshot(row))
    return row


def update_rate(row: ExchangeRate, currency: str, day: date, rate: Decimal) -> ExchangeRate:
    """Change a recorded rate (signed deals keep the rate they froze); 409 on a clash."""
    if _exists(currency, day, except_id=row.id):
        raise _duplicate(currency, day)
    before = _snapshot(row)
    row.currency, row.day, row.rate_millionths = currency, day, to_millionths(rate)
    row.source = MANUAL
    row.updated_at = datetime.now()
    _flush_or_conflict(currency, day)
    record("fees.exchange_rate.update", row, before=before, after=_snapshot(row))
    return row


def rate_to_json(row: ExchangeRate) -> dict:
    """The API representation of a rate: the rate as a plain decimal string."""
    return {
        "id": row.id,
        "currency": row.currency,
        "date": row.day.isoformat(),
        "rate": format_decimal_plain(from_millionths(row.rate_millionths)),
        "source": row.source,
    }
