"""Money primitives: strict decimal strings, the named rounding, conversion and formatting."""

import json
from decimal import Decimal

import pytest

from crm.fees.domain import (
    ValidationError,
    convert_to_eur,
    format_decimal_plain,
    format_money,
    parse_amount,
    parse_decimal_string,
    parse_exchange_rate,
    round_half_up,
)

D = Decimal


def test_parse_decimal_string_is_exact() -> None:
    errors: dict[str, list[str]] = {}
    value = parse_decimal_string("0.1", "x", errors, max_decimals=2)
    assert value == D("0.1") and str(value) == "0.1" and errors == {}


def test_parse_decimal_string_collects_errors_under_the_field() -> None:
    errors: dict[str, list[str]] = {"other": ["kept"]}
    assert parse_decimal_string("1e3", "deal.value", errors, max_decimals=2) is None
    assert set(errors) == {"other", "deal.value"} and len(errors["deal.value"]) == 1


def test_minus_sign_only_when_allowed() -> None:
    errors: dict[str, list[str]] = {}
    assert parse_decimal_string("-1.50", "x", errors, max_decimals=2) is None
    assert errors == {"x": ["must not be negative"]}
    assert parse_decimal_string("-1.50", "x", {}, max_decimals=2, allow_negative=True) == D("-1.5")


@pytest.mark.parametrize(
    "value", ["--1", "- 1", "-", "", "1.", ".1", "1e2", "1E-2", "+1", " 1", "1 ", "NaN", "inf",
              "sNaN", "1_000", "٣"]
)  # fmt: skip
def test_parse_decimal_string_refuses(value: str) -> None:
    errors: dict[str, list[str]] = {}
    assert parse_decimal_string(value, "x", errors, max_decimals=4, allow_negative=True) is None
    assert list(errors) == ["x"]


def test_json_numbers_refused() -> None:
    for value in json.loads("[12, 12.5, 1e3, true, null]"):
        errors: dict[str, list[str]] = {}
        assert parse_decimal_string(value, "amount", errors, max_decimals=2) is None
        assert list(errors) == ["amount"]


def test_max_decimals_zero_means_whole_numbers() -> None:
    errors: dict[str, list[str]] = {}
    assert parse_decimal_string("100.0", "x", errors, max_decimals=0) is None
    assert errors == {"x": ["must be a whole number"]}


def test_parse_amount() -> None:
    assert str(parse_amount("123456.78")) == "123456.78"
    assert str(parse_amount("100")) == "100.00"
    assert str(parse_amount("0")) == "0.00"
    assert str(parse_amount("00012.5")) == "12.50"
    assert str(parse_amount("999999999999999.99")) == "999999999999999.99"
    assert str(parse_amount("1500", decimals=0)) == "1500"


@pytest.mark.parametrize(
    "value", ["-1.00", "1.001", "abc", "1e3", " 1", "1000000000000000.00", None, ["1"]]
)
def test_parse_amount_refuses_naming_the_field(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(value, "value")
    assert list(caught.value.fields) == ["value"]


def test_parse_exchange_rate() -> None:
    assert parse_exchange_rate("1.0327") == D("1.0327")
    assert parse_exchange_rate("17666.380001") == D("17666.380001")
    for bad in ("0", "0.000000", "-1.1", "1.1234567", "1e2"):
        with pytest.raises(ValidationError) as caught:
            parse_exchange_rate(bad, "rate")
        assert list(caught.value.fields) == ["rate"]


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.015", "0.02"),
        ("0.025", "0.03"),
        ("2.675", "2.68"),
        ("0.0049999", "0.00"),
        ("-0.005", "-0.01"),
        ("5509.2585", "5509.26"),
        ("99999999999999999999.995", "100000000000000000000.00"),
    ],
)
def test_round_half_up(value: str, rounded: str) -> None:
    assert str(round_half_up(D(value))) == rounded


@pytest.mark.parametrize(
    ("value", "rate", "eur"),
    [
        ("1000.00", "1.0327", "968.34"),  # 968.3354...
        ("100000", "162.98", "613.57"),  # 613.5722...
        ("1.00", "8", "0.13"),  # 0.125 exactly: half up
        ("1.00", "1", "1.00"),
        ("17666.38", "17666.38", "1.00"),
        ("0", "1.0327", "0.00"),
        ("999999999999999.99", "0.000001", "999999999999999990000.00"),
    ],
)
def test_convert_to_eur(value: str, rate: str, eur: str) -> None:
    assert str(convert_to_eur(D(value), D(rate))) == eur


@pytest.mark.parametrize("rate", ["0", "-1.5", "NaN", "Infinity"])
def test_convert_to_eur_refuses_bad_rates(rate: str) -> None:
    with pytest.raises(ValueError):
        convert_to_eur(D("10.00"), D(rate))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("7.50"), "7.5"),
        (D("10"), "10"),
        (D("1E+1"), "10"),
        (D("100.0000"), "100"),
        (D("0.00"), "0"),
        (D("-0"), "0"),
        (D("0.0001"), "0.0001"),
        (D("1E-7"), "0.0000001"),
        (D("-2.50"), "-2.5"),
        (D("33.3333"), "33.3333"),
    ],
)
def test_format_decimal_plain(value: Decimal, text: str) -> None:
    assert format_decimal_plain(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("5"), "5.00"),
        (D("5509.26"), "5509.26"),
        (D("1E+3"), "1000.00"),
        (D("-0.00"), "0.00"),
        (D("-12.3"), "-12.30"),
        (D("999999999999999.99"), "999999999999999.99"),
    ],
)
def test_format_money(value: Decimal, text: str) -> None:
    assert format_money(value) == text


def test_format_money_with_other_decimals() -> None:
    assert format_money(D("1.0327"), 6) == "1.032700"
    assert format_money(D("1500"), 0) == "1500"


def test_format_money_never_rounds_silently() -> None:
    with pytest.raises(ValueError):
        format_money(D("1.005"))
    with pytest.raises(ValueError):
        format_money(D("NaN"))


def test_json_number_text_from_the_api_is_named_a_json_number():
    from crm.api.core import JsonNumberText

    errors: dict[str, list[str]] = {}
    assert parse_decimal_string(JsonNumberText("1.5"), "rate", errors, max_decimals=2) is None
    assert errors == {"rate": ['must be a decimal string such as "12.50", not a JSON number']}
