"""Parsing the ECB reference-rate files, both layouts, exactly and without floats."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm.fees.ecb import (
    EcbFormatError,
    EcbRate,
    parse_ecb_csv,
    parse_ecb_date,
    parse_ecb_rate,
)

DATA = Path(__file__).parent / "data"
DAILY = (DATA / "eurofxref-sample.csv").read_text(encoding="utf-8")
HISTORY = (DATA / "eurofxref-hist-sample.csv").read_text(encoding="utf-8")
DISCONTINUED = {"CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "HRK", "RUB", "TRL"}


def test_daily_file() -> None:
    result = parse_ecb_csv(DAILY)
    assert result.errors == []
    assert len(result.rates) == 30
    assert result.rates[0] == EcbRate("USD", date(2026, 3, 31), Decimal("1.0327"))
    assert result.rates[-1] == ("ZAR", date(2026, 3, 31), Decimal("19.4735"))
    by_code = {rate.currency: rate.rate for rate in result.rates}
    assert str(by_code["KRW"]) == "1539.20"
    assert str(by_code["IDR"]) == "17666.38"
    assert all(type(rate.rate) is Decimal for rate in result.rates)


def test_historical_file() -> None:
    result = parse_ecb_csv(HISTORY)
    assert result.errors == []
    assert len(result.rates) == 84 * 30
    days = [rate.day for rate in result.rates]
    assert days[0] == date(2026, 3, 31) and days[-1] == date(2025, 12, 1)
    assert len(set(days)) == 84
    assert not {rate.currency for rate in result.rates} & DISCONTINUED
    assert EcbRate("USD", date(2025, 12, 1), Decimal("1.0792")) in result.rates


def test_both_files_agree_on_the_same_day() -> None:
    daily = set(parse_ecb_csv(DAILY).rates)
    history = {rate for rate in parse_ecb_csv(HISTORY).rates if rate.day == date(2026, 3, 31)}
    assert daily == history


def test_currency_filter() -> None:
    result = parse_ecb_csv(HISTORY, {"USD", "GBP"})
    assert result.errors == []
    assert {rate.currency for rate in result.rates} == {"USD", "GBP"}
    assert len(result.rates) == 2 * 84


def test_requested_currency_missing_from_the_file() -> None:
    result = parse_ecb_csv(DAILY, {"USD", "XAU"})
    assert [rate.currency for rate in result.rates] == ["USD"]
    assert result.errors == [(1, "XAU: not in the file")]


def test_windows_line_endings_and_byte_order_mark() -> None:
    text = "\ufeff" + DAILY.replace("\n", "\r\n")
    assert parse_ecb_csv(text).rates == parse_ecb_csv(DAILY).rates


def test_blank_lines_are_ignored() -> None:
    text = "\n\n" + HISTORY.replace("\n", "\n\n")
    assert parse_ecb_csv(text).rates == parse_ecb_csv(HISTORY).rates


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n  \n",
        "hello world",
        '{"USD": "1.0327"}',
        "date,USD\n2026-03-31,1.0327\n",
        "Date\n2026-03-31\n",
        "Date,\n2026-03-31,\n",
        "Date,US Dollar\n2026-03-31,1.0327\n",
        "Date,USD,USD\n2026-03-31,1.0327,1.0327\n",
        "Date,usd\n2026-03-31,1.0327\n",
        "\x00\x01\x02PK",
    ],
)
def test_not_an_ecb_file(text: str) -> None:
    with pytest.raises(EcbFormatError):
        parse_ecb_csv(text)


def test_format_error_is_a_value_error() -> None:
    assert issubclass(EcbFormatError, ValueError)


def test_bad_rows_are_reported_and_skipped() -> None:
    text = (
        "Date,USD,JPY,\n"
        "2026-03-31,1.0327,162.98,\n"
        "2026-02-30,1.0,162.0,\n"
        "31 Maart 2026,1.0,162.0,\n"
        "2026-03-27,1.0355,\n"
        "2026-03-26,1.0330,162.75,99,\n"
        "2026-03-31,1.0999,162.00,\n"
        "2026-03-25,1.0364,163.20,\n"
    )
    result = parse_ecb_csv(text)
    assert [line for line, _ in result.errors] == [3, 4, 5, 6, 7]
    assert "not a date" in result.errors[0][1]
    assert result.errors[2][1].startswith("JPY: no value")
    assert "expected a date and 2 values" in result.errors[3][1]
    assert "more than once" in result.errors[4][1]
    assert [(rate.currency, rate.day) for rate in result.rates] == [
        ("USD", date(2026, 3, 31)),
        ("JPY", date(2026, 3, 31)),
        ("USD", date(2026, 3, 27)),
        ("USD", date(2026, 3, 25)),
        ("JPY", date(2026, 3, 25)),
    ]


@pytest.mark.parametrize(
    "value", ["1.1234567", "-1.0327", "0", "0.000000", "1e3", "abc", "1.2.3", "+1.0", ""]
)
def test_bad_values_skip_only_that_rate(value: str) -> None:
    result = parse_ecb_csv(f"Date, USD, JPY, \n31 March 2026, {value}, 162.98, \n")
    assert result.rates == [EcbRate("JPY", date(2026, 3, 31), Decimal("162.98"))]
    assert len(result.errors) == 1
    line_no, message = result.errors[0]
    assert line_no == 2 and message.startswith("USD: ")


def test_six_decimals_accepted() -> None:
    result = parse_ecb_csv("Date,IDR\n2026-03-31,17666.380001\n")
    assert result.rates == [EcbRate("IDR", date(2026, 3, 31), Decimal("17666.380001"))]


def test_missing_values_are_skipped_silently() -> None:
    result = parse_ecb_csv("Date,USD,CYP,HRK,\n2026-03-31,1.0327,N/A,N/A,\n")
    assert result.errors == []
    assert [rate.currency for rate in result.rates] == ["USD"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-31", date(2026, 3, 31)),
        ("31 March 2026", date(2026, 3, 31)),
        ("1 January 2026", date(2026, 1, 1)),
        ("02 february 2026", date(2026, 2, 2)),
        ("29 February 2028", date(2028, 2, 29)),
        ("29 February 2026", None),
        ("2026-13-01", None),
        ("31/03/2026", None),
        ("31 Mar 2026", None),
        ("March 31 2026", None),
        ("", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_ecb_date(text) == expected


def test_rate_text_is_kept_exactly() -> None:
    assert str(parse_ecb_rate("0.8250")) == "0.8250"
    assert parse_ecb_rate("1.0000001") is None


@settings(database=None, deadline=None, max_examples=300)
@given(st.text())
def test_any_text_parses_or_raises_the_documented_error(text: str) -> None:
    try:
        result = parse_ecb_csv(text)
    except EcbFormatError:
        return
    assert all(isinstance(rate.rate, Decimal) for rate in result.rates)


@settings(database=None, deadline=None, max_examples=300)
@given(st.lists(st.text(alphabet="0123456789.,-N/A aMrch\n"), max_size=5))
def test_garbage_rows_after_a_valid_header_never_raise(rows: list[str]) -> None:
    result = parse_ecb_csv("Date, USD, JPY, \n" + "\n".join(rows))
    assert all(rate.rate > 0 for rate in result.rates)
