"""Validation of the fee format document: one test per rule of docs/fee-formats.md."""

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from crm.fees.domain import (
    FeeFormatError,
    SplitLine,
    Tier,
    ValidationError,
    fee_format_to_json,
    parse_fee_format,
)
from tests.factories.fees import STANDARD_DOCUMENT

VALID = STANDARD_DOCUMENT  # the document of fee-formats.md


def make_doc(**overrides: Any) -> dict[str, Any]:
    doc = copy.deepcopy(VALID)
    doc.update(overrides)
    return doc


def errors_of(doc: object) -> dict[str, list[str]]:
    with pytest.raises(FeeFormatError) as caught:
        parse_fee_format(doc)
    return caught.value.fields


def tiers_with(index: int, **tier: Any) -> list[dict[str, Any]]:
    tiers = copy.deepcopy(VALID["tiers"])
    tiers[index].update(tier)
    return tiers


def split_with(index: int, **line: Any) -> list[dict[str, Any]]:
    split = copy.deepcopy(VALID["split"])
    split[index].update(line)
    return split


def test_the_documented_example_parses() -> None:
    fmt = parse_fee_format(make_doc())
    assert fmt.name == "Creative Lab standard"
    assert fmt.currency == "EUR"
    assert fmt.tiers == (
        Tier(Decimal("50000.00"), Decimal("10")),
        Tier(Decimal("250000.00"), Decimal("7.5")),
        Tier(None, Decimal("5")),
    )
    assert fmt.minimum_fee == Decimal("1500.00")
    assert fmt.cap == Decimal("40000.00")
    assert fmt.split == (
        SplitLine("business_developer", Decimal("70")),
        SplitLine("lab", Decimal("30")),
    )
    assert fmt.effective_from == date(2026, 1, 1)
    assert fmt.notes is not None


def test_optional_fields_may_be_null_or_absent() -> None:
    doc = make_doc(minimum_fee=None, cap=None, notes=None)
    fmt = parse_fee_format(doc)
    assert (fmt.minimum_fee, fmt.cap, fmt.notes) == (None, None, None)
    for key in ("minimum_fee", "cap", "notes"):
        del doc[key]
    assert parse_fee_format(doc) == fmt


def test_money_is_quantized_to_cents() -> None:
    fmt = parse_fee_format(make_doc(minimum_fee="1500", cap="40000.5"))
    assert str(fmt.minimum_fee) == "1500.00"
    assert str(fmt.cap) == "40000.50"


def test_round_trip_through_json() -> None:
    fmt = parse_fee_format(make_doc())
    assert parse_fee_format(fee_format_to_json(fmt)) == fmt
    assert fee_format_to_json(fmt) == make_doc()


def test_not_an_object() -> None:
    assert errors_of(["name"]) == {"document": ["must be a JSON object"]}


def test_error_is_a_value_error_with_fields() -> None:
    with pytest.raises(ValueError) as caught:
        parse_fee_format(make_doc(name=""))
    assert isinstance(caught.value, ValidationError)
    assert "name" in str(caught.value)


# --- name -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [None, "", "   ", "x" * 121, 42, "line\nbreak"])
def test_name_must_be_1_to_120_characters(name: object) -> None:
    assert list(errors_of(make_doc(name=name))) == ["name"]


def test_name_of_120_characters_and_1_character_are_accepted() -> None:
    assert parse_fee_format(make_doc(name="x" * 120)).name == "x" * 120
    assert parse_fee_format(make_doc(name="x")).name == "x"


def test_name_is_stripped() -> None:
    assert parse_fee_format(make_doc(name="  Lab  ")).name == "Lab"


def test_name_missing() -> None:
    doc = make_doc()
    del doc["name"]
    assert errors_of(doc) == {"name": ["is required"]}


# --- effective_from and notes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [None, "", "01-01-2026", "2026-1-1", "20260101", "2026-W01-1", "2026-02-30", 20260101]
)
def test_effective_from_must_be_an_iso_date(value: object) -> None:
    assert list(errors_of(make_doc(effective_from=value))) == ["effective_from"]


def test_notes_must_be_text() -> None:
    assert list(errors_of(make_doc(notes=["a"]))) == ["notes"]


def test_blank_notes_become_null() -> None:
    assert parse_fee_format(make_doc(notes="  ")).notes is None


# --- currency ---------------------------------------------------------------------------------


@pytest.mark.parametrize("currency", [None, "USD", "eur", " EUR", 978])
def test_currency_must_be_eur(currency: object) -> None:
    assert list(errors_of(make_doc(currency=currency))) == ["currency"]


# --- tiers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("tiers", [None, [], "10%", {"up_to": None, "rate": "5"}])
def test_at_least_one_tier(tiers: object) -> None:
    assert list(errors_of(make_doc(tiers=tiers))) == ["tiers"]


def test_a_tier_must_be_an_object() -> None:
    assert list(errors_of(make_doc(tiers=["10", {"up_to": None, "rate": "5"}]))) == ["tiers.0"]


def test_single_open_tier_is_a_flat_rate() -> None:
    fmt = parse_fee_format(make_doc(tiers=[{"up_to": None, "rate": "5"}]))
    assert fmt.tiers == (Tier(None, Decimal("5")),)


def test_up_to_strictly_increasing() -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(1, up_to="40000.00")))) == ["tiers.1.up_to"]


def test_up_to_equal_to_previous_is_refused() -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(1, up_to="50000")))) == ["tiers.1.up_to"]


@pytest.mark.parametrize("up_to", ["0", "0.00", "-1.00"])
def test_up_to_greater_than_zero(up_to: str) -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(0, up_to=up_to)))) == ["tiers.0.up_to"]


def test_up_to_at_most_two_decimals() -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(0, up_to="50000.001")))) == ["tiers.0.up_to"]


def test_last_tier_must_be_open() -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(2, up_to="900000.00")))) == ["tiers.2.up_to"]


def test_only_the_last_tier_may_be_open() -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(0, up_to=None)))) == ["tiers.0.up_to"]


def test_up_to_missing_on_a_middle_tier() -> None:
    tiers = copy.deepcopy(VALID["tiers"])
    del tiers[1]["up_to"]
    assert list(errors_of(make_doc(tiers=tiers))) == ["tiers.1.up_to"]


@pytest.mark.parametrize("rate", [None, "0", "0.0000", "-5", "100.0001", "101", "7.12345"])
def test_rate_above_zero_at_most_100_and_4_decimals(rate: object) -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(1, rate=rate)))) == ["tiers.1.rate"]


@pytest.mark.parametrize("rate", ["100", "0.0001", "7.1234", "100.0000"])
def test_rate_edges_accepted(rate: str) -> None:
    assert parse_fee_format(make_doc(tiers=tiers_with(1, rate=rate))).tiers[1].rate == Decimal(rate)


def test_unknown_tier_field() -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(0, percent="10")))) == ["tiers.0.percent"]


# --- minimum and cap --------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["minimum_fee", "cap"])
@pytest.mark.parametrize("value", ["-1.00", "-0.01", "10.001", "abc", ""])
def test_minimum_and_cap_non_negative_cents(field: str, value: str) -> None:
    assert list(errors_of(make_doc(**{field: value}))) == [field]


def test_minimum_and_cap_may_be_zero() -> None:
    fmt = parse_fee_format(make_doc(minimum_fee="0", cap="0.00"))
    assert (fmt.minimum_fee, fmt.cap) == (Decimal("0.00"), Decimal("0.00"))


def test_minimum_not_above_cap() -> None:
    assert list(errors_of(make_doc(minimum_fee="40000.01"))) == ["minimum_fee"]


def test_minimum_equal_to_cap_is_allowed() -> None:
    fmt = parse_fee_format(make_doc(minimum_fee="2000.00", cap="2000"))
    assert fmt.minimum_fee == fmt.cap


def test_minimum_without_cap_may_be_anything() -> None:
    assert parse_fee_format(make_doc(minimum_fee="99999999.00", cap=None)).cap is None


# --- split ------------------------------------------------------------------------------------


@pytest.mark.parametrize("split", [None, [], {"lab": "100"}])
def test_split_must_name_parties(split: object) -> None:
    assert list(errors_of(make_doc(split=split))) == ["split"]


def test_split_line_must_be_an_object() -> None:
    assert list(errors_of(make_doc(split=["lab", VALID["split"][0]]))) == ["split.0"]


@pytest.mark.parametrize("share", [None, "0", "-10", "70.00001", "100.5"])
def test_share_above_zero_with_4_decimals(share: object) -> None:
    assert "split.0.share" in errors_of(make_doc(split=split_with(0, share=share)))


def test_shares_must_add_up_to_exactly_100() -> None:
    fields = errors_of(make_doc(split=split_with(1, share="29.9999")))
    assert fields == {"split": ["shares must add up to exactly 100, not 99.9999"]}


def test_shares_with_4_decimals_adding_to_100() -> None:
    split = [
        {"party": "business_developer", "share": "33.3333"},
        {"party": "lab", "share": "33.3333"},
        {"party": "programme", "share": "33.3334"},
    ]
    assert len(parse_fee_format(make_doc(split=split)).split) == 3


@pytest.mark.parametrize("party", [None, "partner", "Lab", 1])
def test_party_from_the_known_list(party: object) -> None:
    assert list(errors_of(make_doc(split=split_with(1, party=party)))) == ["split.1.party"]


def test_every_party_at_most_once() -> None:
    fields = errors_of(make_doc(split=split_with(1, party="business_developer")))
    assert list(fields) == ["split.1.party"]


def test_all_four_parties() -> None:
    split = [
        {"party": party, "share": "25"}
        for party in ("business_developer", "lab", "programme", "post")
    ]
    assert [line.party for line in parse_fee_format(make_doc(split=split)).split] == [
        "business_developer",
        "lab",
        "programme",
        "post",
    ]


# --- strict decimal strings -------------------------------------------------------------------


def test_json_numbers_are_refused() -> None:
    doc = json.loads(
        '{"tiers": [{"up_to": 50000.00, "rate": "10"}, {"up_to": null, "rate": 7.5}],'
        ' "minimum_fee": 1500, "split": [{"party": "lab", "share": 100}]}'
    )
    fields = errors_of(make_doc(**doc))
    expected = ["tiers.0.up_to", "tiers.1.rate", "minimum_fee", "split.0.share"]
    assert sorted(fields) == sorted(expected)
    assert all("not a JSON number" in fields[key][0] for key in expected)


def test_booleans_are_refused() -> None:
    assert list(errors_of(make_doc(cap=True))) == ["cap"]


@pytest.mark.parametrize(
    "value",
    ["1e3", "1E3", "1.5e1", " 10", "10 ", "1 000", "1,000.00", "+10", ".5", "5.", "NaN",
     "Infinity", "-Infinity", "0x10", "١٠", "10\n"],
)  # fmt: skip
def test_only_plain_decimal_strings(value: str) -> None:
    assert list(errors_of(make_doc(tiers=tiers_with(1, rate=value)))) == ["tiers.1.rate"]


# --- everything at once -----------------------------------------------------------------------


def test_all_errors_are_collected() -> None:
    doc = make_doc(
        name="",
        currency="USD",
        tiers=[{"up_to": "-5", "rate": "0"}, {"up_to": "10", "rate": "5"}],
        minimum_fee="-1",
        cap="1e3",
        split=[{"party": "boss", "share": "100"}],
        effective_from="soon",
        notes=7,
        extra="x",
    )
    assert set(errors_of(doc)) == {
        "name",
        "currency",
        "tiers.0.up_to",
        "tiers.0.rate",
        "tiers.1.up_to",
        "minimum_fee",
        "cap",
        "split.0.party",
        "effective_from",
        "notes",
        "extra",
    }


def test_unknown_fields_are_refused() -> None:
    assert errors_of(make_doc(minimum="1500.00")) == {"minimum": ["is not a known field"]}
