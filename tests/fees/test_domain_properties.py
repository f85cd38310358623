"""Properties of the fee rules that must hold for every valid format and amount (Hypothesis)."""

from decimal import Decimal, localcontext
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.fees.domain import (
    PARTIES,
    FeeFormatDoc,
    convert_to_eur,
    fee_format_to_json,
    format_decimal_plain,
    format_money,
    largest_remainder_split,
    parse_amount,
    parse_fee_format,
    quote,
)

# No example database: the tests must not write into the working tree.
SETTINGS = settings(
    database=None, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
MAX_CENTS = 99_999_999_999_999_999  # 999999999999999.99, the largest accepted amount


def cents(low: int = 0, high: int = MAX_CENTS) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda c: Decimal(c).scaleb(-2))


def money_text(value: Decimal) -> str:
    return format_money(value)


@st.composite
def shares(draw: st.DrawFn, max_parts: int = 6) -> list[Decimal]:
    """Percentages with up to 4 decimals, each > 0, adding up to exactly 100."""
    count = draw(st.integers(1, max_parts))
    cuts = draw(
        st.lists(st.integers(1, 999_999), min_size=count - 1, max_size=count - 1, unique=True)
    )
    bounds = [0, *sorted(cuts), 1_000_000]
    return [Decimal(high - low).scaleb(-4) for low, high in zip(bounds, bounds[1:], strict=False)]


@st.composite
def fee_formats(draw: st.DrawFn, with_cap: bool | None = None) -> FeeFormatDoc:
    """Any valid fee format, built as JSON and parsed, so the parser is exercised too."""
    bounds = draw(st.lists(st.integers(1, 10**13), max_size=5, unique=True).map(sorted))
    rates = draw(
        st.lists(st.integers(1, 1_000_000), min_size=len(bounds) + 1, max_size=len(bounds) + 1)
    )
    ups = [money_text(Decimal(bound).scaleb(-2)) for bound in bounds]
    tiers = [
        {"up_to": up_to, "rate": format_decimal_plain(Decimal(rate).scaleb(-4))}
        for up_to, rate in zip([*ups, None], rates, strict=True)
    ]
    limits = sorted(draw(st.lists(st.integers(0, 10**12), min_size=2, max_size=2)))
    minimum = draw(st.sampled_from([None, limits[0]]))
    cap = {None: draw(st.sampled_from([None, limits[1]])), True: limits[1], False: None}[with_cap]
    split_shares = draw(shares(max_parts=len(PARTIES)))
    parties = draw(st.permutations(PARTIES))
    doc: dict[str, Any] = {
        "name": "Generated",
        "currency": "EUR",
        "tiers": tiers,
        "minimum_fee": None if minimum is None else money_text(Decimal(minimum).scaleb(-2)),
        "cap": None if cap is None else money_text(Decimal(cap).scaleb(-2)),
        "split": [
            {"party": party, "share": format_decimal_plain(share)}
            for party, share in zip(parties, split_shares, strict=False)
        ],
        "effective_from": "2026-01-01",
    }
    return parse_fee_format(doc)


@SETTINGS
@given(fee_formats(), cents())
def test_split_always_adds_up_to_the_fee(fmt: FeeFormatDoc, amount: Decimal) -> None:
    q = quote(fmt, amount)
    assert sum((part.amount for part in q.split), Decimal(0)) == q.fee
    assert all(part.amount >= 0 for part in q.split)
    assert [part.party for part in q.split] == [line.party for line in fmt.split]


@SETTINGS
@given(fee_formats(), cents())
def test_lines_add_up_to_the_subtotal(fmt: FeeFormatDoc, amount: Decimal) -> None:
    q = quote(fmt, amount)
    assert len(q.lines) == len(fmt.tiers)
    assert sum((line.amount for line in q.lines), Decimal(0)) == q.subtotal
    assert sum((line.portion for line in q.lines), Decimal(0)) == amount


@SETTINGS
@given(fee_formats(with_cap=False), cents(), cents())
def test_without_cap_the_fee_never_falls_when_the_amount_rises(
    fmt: FeeFormatDoc, first: Decimal, second: Decimal
) -> None:
    low, high = sorted([first, second])
    assert quote(fmt, low).fee <= quote(fmt, high).fee


@SETTINGS
@given(fee_formats(), cents())
def test_minimum_and_cap_always_hold(fmt: FeeFormatDoc, amount: Decimal) -> None:
    q = quote(fmt, amount)
    if amount == 0:
        assert q.fee == 0 and not q.minimum_applied and not q.cap_applied
        return
    if fmt.minimum_fee is not None:
        assert q.fee >= fmt.minimum_fee
    if fmt.cap is not None:
        assert q.fee <= fmt.cap
    if not q.minimum_applied and not q.cap_applied:
        assert q.fee == q.subtotal


@SETTINGS
@given(cents(0, MAX_CENTS), shares(max_parts=12))
def test_largest_remainder_split_sums_to_the_total(total: Decimal, parts: list[Decimal]) -> None:
    split = largest_remainder_split(total, parts)
    assert sum(split, Decimal(0)) == total
    for part, share in zip(split, parts, strict=True):
        with localcontext(prec=60):
            assert abs(total * share / 100 - part) < Decimal("0.01")
        assert part == part.quantize(Decimal("0.01"))


@SETTINGS
@given(fee_formats())
def test_documents_round_trip_through_json(fmt: FeeFormatDoc) -> None:
    assert parse_fee_format(fee_format_to_json(fmt)) == fmt


@SETTINGS
@given(cents())
def test_amount_strings_round_trip(amount: Decimal) -> None:
    assert parse_amount(format_money(amount)) == amount


@SETTINGS
@given(cents(0, 10**15), st.integers(1, 10**12).map(lambda m: Decimal(m).scaleb(-6)))
def test_conversion_is_within_half_a_cent(value: Decimal, rate: Decimal) -> None:
    eur = convert_to_eur(value, rate)
    with localcontext(prec=60):
        assert abs(eur * rate - value) <= rate * Decimal("0.005")
