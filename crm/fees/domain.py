"""Fee rules as pure functions: the marginal-tier calculation, minimum and cap, and the split.

Everything follows ``docs/fee-formats.md`` to the cent. No Flask, no SQLAlchemy: money is
``Decimal`` throughout and strings in JSON. This module is the one to import from: it also
re-exports the document types and validation (``crm.fees.document``) and the money primitives
(``crm.fees.money``), which live apart only to keep each module short.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any, NamedTuple

from crm.fees.document import (
    PARTIES,
    FeeFormatDoc,
    FeeFormatError,
    SplitLine,
    Tier,
    fee_format_to_json,
    parse_fee_format,
)
from crm.fees.money import (
    CENT,
    HUNDRED,
    PRECISION,
    ValidationError,
    convert_to_eur,
    format_decimal_plain,
    format_money,
    largest_remainder_split,
    parse_amount,
    parse_decimal_string,
    parse_exchange_rate,
    require_cents,
    round_half_up,
)

__all__ = [
    "PARTIES",
    "FeeFormatDoc",
    "FeeFormatError",
    "Quote",
    "QuoteLine",
    "SplitAmount",
    "SplitLine",
    "Tier",
    "TierDescription",
    "ValidationError",
    "convert_to_eur",
    "describe_tiers",
    "fee_format_to_json",
    "format_decimal_plain",
    "format_money",
    "largest_remainder_split",
    "parse_amount",
    "parse_decimal_string",
    "parse_exchange_rate",
    "parse_fee_format",
    "quote",
    "quote_to_json",
    "round_half_up",
]

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class QuoteLine:
    """One tier of a quote: its band, its rate, the portion of the amount in it, the line."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal
    portion: Decimal
    amount: Decimal


@dataclass(frozen=True)
class SplitAmount:
    """A party's part of the fee."""

    party: str
    share: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Quote:
    """The full, explainable result of applying a fee format to an amount."""

    amount: Decimal
    lines: tuple[QuoteLine, ...]
    subtotal: Decimal
    minimum_applied: bool
    cap_applied: bool
    fee: Decimal
    split: tuple[SplitAmount, ...]
    currency: str = "EUR"


class TierDescription(NamedTuple):
    """Data for one plain-words phrase about a tier (the template words and formats it).

    ``kind`` is ``first`` ("10% of the first EUR 50,000": ``width``), ``next`` ("7.5% of the
    next EUR 200,000": ``width``), ``above`` ("5% above EUR 250,000": ``lower``) or ``all``
    ("5% of the whole amount", a format with a single tier).
    """

    kind: str
    rate: Decimal
    width: Decimal | None
    lower: Decimal
    upper: Decimal | None


def quote(fmt: FeeFormatDoc, amount: Decimal) -> Quote:
    """Apply ``fmt`` to ``amount`` (EUR, >= 0, at most 2 decimals): steps 2 to 5 of the rules.

    Raises TypeError for a non-Decimal amount and ValueError for a negative or over-precise one.
    """
    require_cents(amount, "amount")
    amount = amount.quantize(CENT)
    with localcontext(prec=PRECISION):
        lines = _tier_lines(fmt.tiers, amount)
        subtotal = sum((line.amount for line in lines), ZERO)
    fee, minimum_applied, cap_applied = _apply_limits(fmt, amount, subtotal)
    parts = largest_remainder_split(fee, [line.share for line in fmt.split])
    split = tuple(
        SplitAmount(line.party, line.share, part)
        for line, part in zip(fmt.split, parts, strict=True)
    )
    return Quote(amount, lines, subtotal, minimum_applied, cap_applied, fee, split, fmt.currency)


def _tier_lines(tiers: tuple[Tier, ...], amount: Decimal) -> tuple[QuoteLine, ...]:
    lines: list[QuoteLine] = []
    lower = ZERO
    for tier in tiers:
        top = amount if tier.up_to is None else min(amount, tier.up_to)
        portion = max(ZERO, top - lower).quantize(CENT)
        line_amount = round_half_up(portion * tier.rate / HUNDRED)
        lines.append(QuoteLine(lower, tier.up_to, tier.rate, portion, line_amount))
        if tier.up_to is not None:
            lower = tier.up_to.quantize(CENT)
    return tuple(lines)


def _apply_limits(
    fmt: FeeFormatDoc, amount: Decimal, subtotal: Decimal
) -> tuple[Decimal, bool, bool]:
    """Return (fee, minimum_applied, cap_applied): the minimum first, then the cap."""
    if amount == 0:
        return ZERO, False, False
    fee, minimum_applied, cap_applied = subtotal, False, False
    if fmt.minimum_fee is not None and subtotal < fmt.minimum_fee:
        fee, minimum_applied = fmt.minimum_fee.quantize(CENT), True
    if fmt.cap is not None and fee > fmt.cap:
        fee, cap_applied = fmt.cap.quantize(CENT), True
    return fee, minimum_applied, cap_applied


def quote_to_json(q: Quote, fmt_id: int, fmt_name: str, version: int) -> dict[str, Any]:
    """The quote response of the API and the HTMX calculator, exactly as in fee-formats.md."""
    return {
        "format": {"id": fmt_id, "name": fmt_name, "version": version},
        "currency": q.currency,
        "amount": format_money(q.amount),
        "lines": [_line_to_json(line) for line in q.lines],
        "subtotal": format_money(q.subtotal),
        "minimum_applied": q.minimum_applied,
        "cap_applied": q.cap_applied,
        "fee": format_money(q.fee),
        "split": [
            {
                "party": part.party,
                "share": format_decimal_plain(part.share),
                "amount": format_money(part.amount),
            }
            for part in q.split
        ],
    }


def _line_to_json(line: QuoteLine) -> dict[str, str | None]:
    return {
        "from": format_money(line.lower),
        "to": None if line.upper is None else format_money(line.upper),
        "rate": format_decimal_plain(line.rate),
        "portion": format_money(line.portion),
        "amount": format_money(line.amount),
    }


def describe_tiers(fmt: FeeFormatDoc) -> list[TierDescription]:
    """Structured data for a plain-words explanation of the tiers, one entry per tier."""
    descriptions: list[TierDescription] = []
    lower = ZERO
    for index, tier in enumerate(fmt.tiers):
        if tier.up_to is None:
            kind = "all" if index == 0 else "above"
            descriptions.append(TierDescription(kind, tier.rate, None, lower, None))
            continue
        kind = "first" if index == 0 else "next"
        descriptions.append(TierDescription(kind, tier.rate, tier.up_to - lower, lower, tier.up_to))
        lower = tier.up_to
    return descriptions
