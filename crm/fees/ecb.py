"""Parse the European Central Bank's euro reference-rate CSV files, without floats.

Both layouts the ECB publishes are read (see ``data/ecb/README.md`` of the shared samples):

- the daily file ``eurofxref.csv``: one row, dates like ``31 March 2026``, a space after every
  comma, a trailing separator;
- the historical file ``eurofxref-hist.csv``: newest day first, ISO dates, ``N/A`` where a
  currency has no rate, a trailing comma.

Rates are units of the currency per 1 EUR, kept as exact Decimals with at most 6 decimals.
Problems in a row are collected as ``(line_no, message)``; only a file that is not in an ECB
layout at all raises ``EcbFormatError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from flask_babel import gettext as _
from flask_babel import ngettext

MAX_RATE_DECIMALS = 6
_CURRENCY_RE = re.compile(r"[A-Z]{3}", re.ASCII)
_RATE_RE = re.compile(r"[0-9]{1,12}(?:\.([0-9]+))?", re.ASCII)
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_LONG_DATE_RE = re.compile(r"([0-9]{1,2}) ([A-Za-z]+) ([0-9]{4})", re.ASCII)
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_NO_RATE = "N/A"


class EcbFormatError(ValueError):
    """The text is not an ECB reference-rate file (no ``Date,XXX,...`` header row)."""


class EcbRate(NamedTuple):
    """One reference rate: ``rate`` units of ``currency`` per 1 EUR on ``day``."""

    currency: str
    day: date
    rate: Decimal


@dataclass
class EcbParseResult:
    """Rates in file order, and the problems found as ``(line_no, message)``."""

    rates: list[EcbRate] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_ecb_csv(text: str, currencies: set[str] | None = None) -> EcbParseResult:
    """Parse an ECB daily or historical CSV file.

    ``currencies`` limits the result to those codes (a requested code missing from the header
    is reported as an error on line 1). Rows with a bad date or the wrong number of values are
    skipped with an error; a bad or empty value skips only that rate. ``N/A`` means "no rate
    that day" and is skipped silently. Raises EcbFormatError only when the text is not in
    an ECB layout at all.
    """
    if not isinstance(text, str):
        raise EcbFormatError(_("expected the text of a CSV file"))
    lines = text.removeprefix("\ufeff").splitlines()
    header_no, header = _find_header(lines)
    result = EcbParseResult()
    wanted = _wanted_columns(header, currencies, header_no, result)
    seen_days: set[date] = set()
    for line_no, line in enumerate(lines[header_no:], start=header_no + 1):
        if line.strip():
            _parse_row(line, line_no, header, wanted, seen_days, result)
    return result


def _split(line: str) -> list[str]:
    return [cell.strip() for cell in line.split(",")]


def _find_header(lines: list[str]) -> tuple[int, list[str]]:
    """Return (line number of the header, currency codes in column order)."""
    for index, line in enumerate(lines):
        if line.strip():
            return index + 1, _header_codes(_split(line))
    raise EcbFormatError(_("the file is empty: expected an ECB header row starting with 'Date'"))


def _header_codes(cells: list[str]) -> list[str]:
    if cells[0] != "Date":
        raise EcbFormatError(_("not an ECB rates file: the first row must start with 'Date'"))
    codes = cells[1:]
    while codes and codes[-1] == "":
        codes.pop()  # the trailing separator
    if not codes:
        raise EcbFormatError(_("not an ECB rates file: the header names no currency"))
    bad = [code for code in codes if not _CURRENCY_RE.fullmatch(code)]
    if bad:
        raise EcbFormatError(
            _("not an ECB rates file: %(code)s is not a currency code", code=repr(bad[0]))
        )
    if len(set(codes)) != len(codes):
        raise EcbFormatError(_("not an ECB rates file: a currency appears twice in the header"))
    return codes


def _wanted_columns(
    header: list[str], currencies: set[str] | None, header_no: int, result: EcbParseResult
) -> list[int]:
    if currencies is None:
        return list(range(len(header)))
    for code in sorted(currencies - set(header)):
        result.errors.append((header_no, _("%(code)s: not in the file", code=code)))
    return [index for index, code in enumerate(header) if code in currencies]


def _parse_row(
    line: str,
    line_no: int,
    header: list[str],
    wanted: list[int],
    seen_days: set[date],
    result: EcbParseResult,
) -> None:
    cells = _split(line)
    if len(cells) > len(header) + 1 and not any(cells[len(header) + 1 :]):
        cells = cells[: len(header) + 1]  # the trailing separator
    if len(cells) != len(header) + 1:
        result.errors.append(
            (
                line_no,
                ngettext(
                    "expected a date and %(num)s value, found %(cells)s cells",
                    "expected a date and %(num)s values, found %(cells)s cells",
                    len(header),
                    cells=len(cells),
                ),
            )
        )
        return
    day = parse_ecb_date(cells[0])
    if day is None:
        result.errors.append((line_no, _("%(text)s is not a date", text=repr(cells[0][:40]))))
        return
    if day in seen_days:
        result.errors.append((line_no, _("%(day)s appears more than once", day=day.isoformat())))
        return
    seen_days.add(day)
    for index in wanted:
        _parse_value(header[index], day, cells[index + 1], line_no, result)


def _parse_value(code: str, day: date, cell: str, line_no: int, result: EcbParseResult) -> None:
    if cell == _NO_RATE:
        return
    if not cell:
        result.errors.append(
            (line_no, _("%(code)s: no value (the ECB writes N/A for none)", code=code))
        )
        return
    rate = parse_ecb_rate(cell)
    if rate is None:
        message = _(
            "%(code)s: %(text)s is not a rate (> 0, at most %(n)s decimals)",
            code=code,
            text=repr(cell[:40]),
            n=MAX_RATE_DECIMALS,
        )
        result.errors.append((line_no, message))
        return
    result.rates.append(EcbRate(code, day, rate))


def parse_ecb_rate(text: str) -> Decimal | None:
    """An ECB rate read exactly from its text: > 0 with at most 6 decimals, else None."""
    match = _RATE_RE.fullmatch(text)
    if match is None or len(match.group(1) or "") > MAX_RATE_DECIMALS:
        return None
    rate = Decimal(text)
    return rate if rate > 0 else None


def parse_ecb_date(text: str) -> date | None:
    """Read ``2026-03-31`` or ``31 March 2026`` (English month names, any case), else None."""
    iso = _ISO_DATE_RE.fullmatch(text)
    long = _LONG_DATE_RE.fullmatch(text)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
    elif long is not None and long.group(2).lower() in _MONTHS:
        day, month, year = int(long.group(1)), _MONTHS[long.group(2).lower()], int(long.group(3))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
