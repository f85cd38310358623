"""Import the ECB's reference-rate CSV files (daily or historical layout) into exchange_rates.

Decision: an import never overwrites a rate already recorded for that currency and day.
A stored rate equal to the file's counts as ``unchanged``; a different one is left as it is
and listed under ``conflicts`` in the report (an admin changes it by hand if the file is
right). So re-importing a file is harmless, and a hand correction is never undone silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select

from crm.audit.service import record
from crm.extensions import db
from crm.fees.ecb import EcbFormatError, EcbRate, parse_ecb_csv
from crm.fees.models import ECB, ExchangeRate
from crm.fees.money import ValidationError, format_decimal_plain
from crm.fees.rates import BASE_CURRENCY, from_millionths, to_millionths

CHUNK = 2000
REPORT_LIMIT = 50

Progress = Callable[[int, int], None]


def _existing(rates: list[EcbRate]) -> dict[tuple[str, Any], int]:
    """Stored millionths for the (currency, day) pairs the file covers, in one query."""
    if not rates:
        return {}
    currencies = sorted({rate.currency for rate in rates})
    first = min(rate.day for rate in rates)
    last = max(rate.day for rate in rates)
    rows = db.session.execute(
        select(ExchangeRate.currency, ExchangeRate.day, ExchangeRate.rate_millionths).where(
            ExchangeRate.currency.in_(currencies),
            ExchangeRate.day >= first,
            ExchangeRate.day <= last,
        )
    )
    return {(currency, day): millionths for currency, day, millionths in rows}


def _sort_out(rates: list[EcbRate], existing: dict, user_id: int | None) -> tuple[list, int, list]:
    new_rows: list[dict[str, Any]] = []
    unchanged = 0
    conflicts: list[dict[str, str]] = []
    for rate in rates:
        millionths = to_millionths(rate.rate)
        stored = existing.get((rate.currency, rate.day))
        if stored is None:
            new_rows.append(
                {
                    "currency": rate.currency,
                    "day": rate.day,
                    "rate_millionths": millionths,
                    "source": ECB,
                    "created_by_id": user_id,
                }
            )
        elif stored == millionths:
            unchanged += 1
        else:
            conflicts.append(
                {
                    "currency": rate.currency,
                    "date": rate.day.isoformat(),
                    "stored": format_decimal_plain(from_millionths(stored)),
                    "file": format_decimal_plain(rate.rate),
                }
            )
    return new_rows, unchanged, conflicts


def _insert(rows: list[dict[str, Any]], progress: Progress | None) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(ExchangeRate), rows[start : start + CHUNK])
        if progress is not None:
            progress(min(start + CHUNK, len(rows)), len(rows))


def import_ecb_text(
    text: str,
    user_id: int | None,
    currencies: set[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import every rate of an ECB CSV file not yet recorded; return the report.

    Raises ValidationError (field ``file``) when the text is not an ECB rates file at all.
    Rows with problems are skipped and listed; see the module docstring for existing rates.
    """
    try:
        parsed = parse_ecb_csv(text, currencies)
    except EcbFormatError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    rates = [rate for rate in parsed.rates if rate.currency != BASE_CURRENCY]
    new_rows, unchanged, conflicts = _sort_out(rates, _existing(rates), user_id)
    _insert(new_rows, progress)
    report = {
        "read": len(rates),
        "inserted": len(new_rows),
        "unchanged": unchanged,
        "conflicting": len(conflicts),
        "conflicts": conflicts[:REPORT_LIMIT],
        "problems_total": len(parsed.errors),
        "problems": [{"line": line, "message": msg} for line, msg in parsed.errors][:REPORT_LIMIT],
        "currencies": sorted({rate.currency for rate in rates}),
        "first_day": min((rate.day for rate in rates), default=None),
        "last_day": max((rate.day for rate in rates), default=None),
    }
    for key in ("first_day", "last_day"):
        report[key] = None if report[key] is None else report[key].isoformat()
    record(
        "fees.exchange_rate.import",
        object_type="exchange_rates",
        user_id=user_id,
        after={k: v for k, v in report.items() if k not in {"conflicts", "problems"}},
    )
    db.session.flush()
    return report
