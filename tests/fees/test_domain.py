"""The fee calculation, to the cent, as docs/fee-formats.md specifies it."""

import copy
from decimal import Decimal
from typing import Any

import pytest

from crm.fees.domain import (
    FeeFormatDoc,
    Quote,
    TierDescription,
    describe_tiers,
    largest_remainder_split,
    parse_fee_format,
    quote,
    quote_to_json,
)
from tests.factories.fees import STANDARD_DOCUMENT, WORKED_EXAMPLE

D = Decimal

STANDARD = STANDARD_DOCUMENT  # the document of fee-formats.md

WORKED_EXAMPLE_RESPONSE = {
    "format": {"id": 1, "name": "Creative Lab standard", "version": 1},
    **WORKED_EXAMPLE,
}


def make_format(**overrides: Any) -> FeeFormatDoc:
    doc = copy.deepcopy(STANDARD)
    doc.update(overrides)
    return parse_fee_format(doc)


def flat(rate: str, **overrides: Any) -> FeeFormatDoc:
    fields = {"tiers": [{"up_to": None, "rate": rate}], "minimum_fee": None, "cap": None}
    return make_format(**(fields | overrides))


def amounts(q: Quote) -> list[str]:
    return [str(line.amount) for line in q.lines]


def portions(q: Quote) -> list[str]:
    return [str(line.portion) for line in q.lines]


def test_worked_example() -> None:
    q = quote(make_format(), D("123456.78"))
    assert portions(q) == ["50000.00", "73456.78", "0.00"]
    assert amounts(q) == ["5000.00", "5509.26", "0.00"]
    assert str(q.subtotal) == "10509.26"
    assert not q.minimum_applied and not q.cap_applied
    assert str(q.fee) == "10509.26"
    assert [(s.party, str(s.amount)) for s in q.split] == [
        ("business_developer", "7356.48"),
        ("lab", "3152.78"),
    ]


def test_worked_example_response_json() -> None:
    fmt = make_format()
    assert quote_to_json(quote(fmt, D("123456.78")), 1, fmt.name, 1) == WORKED_EXAMPLE_RESPONSE


def test_amount_zero_gives_zero_without_minimum_or_cap() -> None:
    q = quote(make_format(), D("0"))
    assert amounts(q) == ["0.00", "0.00", "0.00"]
    assert str(q.subtotal) == "0.00" and str(q.fee) == "0.00"
    assert not q.minimum_applied and not q.cap_applied
    assert [str(s.amount) for s in q.split] == ["0.00", "0.00"]
    assert quote_to_json(q, 1, "x", 1)["amount"] == "0.00"


def test_one_cent_gets_the_minimum() -> None:
    q = quote(make_format(), D("0.01"))
    assert str(q.subtotal) == "0.00"
    assert q.minimum_applied and str(q.fee) == "1500.00"


@pytest.mark.parametrize(
    ("amount", "expected_portions", "expected_amounts"),
    [
        ("50000.00", ["50000.00", "0.00", "0.00"], ["5000.00", "0.00", "0.00"]),
        ("50000.01", ["50000.00", "0.01", "0.00"], ["5000.00", "0.00", "0.00"]),
        ("250000.00", ["50000.00", "200000.00", "0.00"], ["5000.00", "15000.00", "0.00"]),
        ("250000.01", ["50000.00", "200000.00", "0.01"], ["5000.00", "15000.00", "0.00"]),
        ("250000.10", ["50000.00", "200000.00", "0.10"], ["5000.00", "15000.00", "0.01"]),
    ],
)
def test_exact_tier_boundaries(
    amount: str, expected_portions: list[str], expected_amounts: list[str]
) -> None:
    q = quote(make_format(cap=None), D(amount))
    assert portions(q) == expected_portions
    assert amounts(q) == expected_amounts


def test_tier_bounds_are_listed() -> None:
    q = quote(make_format(), D("1.00"))
    assert [(str(line.lower), line.upper) for line in q.lines] == [
        ("0.00", D("50000.00")),
        ("50000.00", D("250000.00")),
        ("250000.00", None),
    ]


@pytest.mark.parametrize(
    ("rate", "amount", "line"),
    [
        ("1", "0.50", "0.01"),  # 0.005: half-up, where half-even would give 0.00
        ("1", "2.50", "0.03"),  # 0.025: half-up, where half-even would give 0.02
        ("1", "0.49", "0.00"),  # 0.0049
        ("7.5", "0.06", "0.00"),  # 0.0045
        ("7.5", "0.07", "0.01"),  # 0.00525
        ("10", "0.05", "0.01"),  # 0.005
        ("0.0001", "50.00", "0.00"),  # 0.00005
        ("0.0001", "50000.00", "0.05"),
    ],
)
def test_half_cent_lines_round_half_up(rate: str, amount: str, line: str) -> None:
    q = quote(flat(rate), D(amount))
    assert amounts(q) == [line]
    assert q.fee == q.subtotal == D(line)


def test_lines_are_rounded_one_by_one() -> None:
    fmt = make_format(
        tiers=[{"up_to": "0.50", "rate": "1"}, {"up_to": None, "rate": "1"}],
        minimum_fee=None,
        cap=None,
    )
    q = quote(fmt, D("1.00"))
    assert amounts(q) == ["0.01", "0.01"]  # 0.005 + 0.005, each rounded up
    assert str(q.subtotal) == "0.02"


def test_minimum_applied() -> None:
    q = quote(make_format(), D("1000.00"))
    assert str(q.subtotal) == "100.00"
    assert q.minimum_applied and not q.cap_applied
    assert str(q.fee) == "1500.00"
    assert [str(s.amount) for s in q.split] == ["1050.00", "450.00"]


def test_subtotal_equal_to_minimum_is_not_raised() -> None:
    q = quote(make_format(), D("15000.00"))
    assert str(q.fee) == "1500.00" and not q.minimum_applied


def test_cap_applied() -> None:
    q = quote(make_format(), D("1000000.00"))
    assert amounts(q) == ["5000.00", "15000.00", "37500.00"]
    assert str(q.subtotal) == "57500.00"
    assert q.cap_applied and not q.minimum_applied
    assert str(q.fee) == "40000.00"
    assert [str(s.amount) for s in q.split] == ["28000.00", "12000.00"]


def test_fee_equal_to_cap_is_not_capped() -> None:
    q = quote(make_format(), D("650000.00"))
    assert str(q.fee) == "40000.00" and not q.cap_applied


def test_minimum_equal_to_cap() -> None:
    fmt = make_format(minimum_fee="2000.00", cap="2000.00")
    low = quote(fmt, D("1000.00"))
    assert str(low.fee) == "2000.00" and low.minimum_applied and not low.cap_applied
    high = quote(fmt, D("100000.00"))
    assert str(high.subtotal) == "8750.00"
    assert str(high.fee) == "2000.00" and high.cap_applied and not high.minimum_applied


def test_zero_cap() -> None:
    q = quote(make_format(minimum_fee=None, cap="0"), D("100.00"))
    assert str(q.fee) == "0.00" and q.cap_applied


def test_no_minimum_and_no_cap() -> None:
    q = quote(make_format(minimum_fee=None, cap=None), D("1000000.00"))
    assert str(q.fee) == "57500.00"
    assert not q.minimum_applied and not q.cap_applied


def test_three_way_split_remainder_ties_go_to_the_first_listed() -> None:
    split = [
        {"party": "post", "share": "20"},
        {"party": "lab", "share": "40"},
        {"party": "programme", "share": "40"},
    ]
    fmt = make_format(split=split, minimum_fee=None, cap=None)
    q = quote(fmt, D("0.10"))  # fee 0.01: exact parts 0.2, 0.4, 0.4 cents
    assert [(s.party, str(s.amount)) for s in q.split] == [
        ("post", "0.00"),
        ("lab", "0.01"),
        ("programme", "0.00"),
    ]


def test_three_way_split_two_cents_missing() -> None:
    split = [
        {"party": "business_developer", "share": "33.3333"},
        {"party": "lab", "share": "33.3333"},
        {"party": "programme", "share": "33.3334"},
    ]
    q = quote(make_format(split=split), D("1000.00"))  # minimum 1500.00
    # exact 499.9995 / 499.9995 / 500.001: the two cents go to the tied first two
    assert [str(s.amount) for s in q.split] == ["500.00", "500.00", "500.00"]
    assert sum(s.amount for s in q.split) == q.fee


def test_largest_amount() -> None:
    q = quote(make_format(cap=None), D("999999999999.99"))
    assert portions(q) == ["50000.00", "200000.00", "999999749999.99"]
    assert amounts(q) == ["5000.00", "15000.00", "49999987500.00"]
    assert str(q.fee) == "50000007500.00"
    assert [str(s.amount) for s in q.split] == ["35000005250.00", "15000002250.00"]
    assert str(quote(make_format(), D("999999999999.99")).fee) == "40000.00"


def test_largest_amount_with_odd_cents() -> None:
    q = quote(flat("100"), D("999999999999999.99"))
    assert str(q.fee) == "999999999999999.99"
    # exact 699999999999999.993 and 299999999999999.997: the missing cent goes to the lab
    assert [str(s.amount) for s in q.split] == ["699999999999999.99", "300000000000000.00"]
    q = quote(flat("7.3333"), D("999999999999999.99"))
    assert str(q.fee) == "73333000000000.00"  # 73332999999999.99926667 rounded half up


@pytest.mark.parametrize("amount", [D("-0.01"), D("1.005"), D("NaN"), D("Infinity")])
def test_amount_must_be_non_negative_cents(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        quote(make_format(), amount)


def test_amount_must_be_a_decimal() -> None:
    with pytest.raises(TypeError):
        quote(make_format(), 100)  # type: ignore[arg-type]


def test_amount_with_fewer_decimals_is_quantized() -> None:
    assert quote_to_json(quote(make_format(), D("100")), 1, "x", 1)["amount"] == "100.00"


def test_split_helper_matches_the_worked_example() -> None:
    parts = largest_remainder_split(D("10509.26"), [D("70"), D("30")])
    assert [str(part) for part in parts] == ["7356.48", "3152.78"]


def test_split_between_consortium_firms() -> None:
    parts = largest_remainder_split(D("1000.00"), [D("50"), D("25"), D("12.5"), D("12.5")])
    assert [str(part) for part in parts] == ["500.00", "250.00", "125.00", "125.00"]
    parts = largest_remainder_split(D("0.03"), [D("12.5"), D("12.5"), D("75")])
    assert [str(part) for part in parts] == ["0.01", "0.00", "0.02"]  # 0.375 / 0.375 / 2.25


def test_split_of_a_negative_correction() -> None:
    parts = largest_remainder_split(D("-10509.26"), [D("70"), D("30")])
    assert [str(part) for part in parts] == ["-7356.48", "-3152.78"]
    assert [str(p) for p in largest_remainder_split(D("-0.01"), [D("50"), D("50")])] == [
        "-0.01",
        "0.00",
    ]


@pytest.mark.parametrize(
    "shares", [[], [D("50"), D("49")], [D("101"), D("-1")], [D("100"), D("0")]]
)
def test_split_refuses_shares_not_adding_to_100(shares: list[Decimal]) -> None:
    with pytest.raises(ValueError):
        largest_remainder_split(D("10.00"), shares)


def test_split_refuses_sub_cent_totals() -> None:
    with pytest.raises(ValueError):
        largest_remainder_split(D("10.001"), [D("100")])


def test_describe_tiers() -> None:
    assert describe_tiers(make_format()) == [
        TierDescription("first", D("10"), D("50000.00"), D("0.00"), D("50000.00")),
        TierDescription("next", D("7.5"), D("200000.00"), D("50000.00"), D("250000.00")),
        TierDescription("above", D("5"), None, D("250000.00"), None),
    ]


def test_describe_a_flat_rate() -> None:
    assert describe_tiers(flat("5")) == [TierDescription("all", D("5"), None, D("0.00"), None)]
