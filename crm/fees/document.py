"""The fee format document: its types and its validation, exactly as ``docs/fee-formats.md``.

Pure Python. Import from ``crm.fees.domain``, which re-exports everything public here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from crm.fees.money import (
    CENT,
    HUNDRED,
    MONEY_DECIMALS,
    Errors,
    ValidationError,
    format_decimal_plain,
    format_money,
    parse_decimal_string,
)
from crm.fees.money import add_error as _add

PARTIES = ("business_developer", "lab", "programme", "post")
CURRENCIES = ("EUR",)
NAME_MAX = 120
RATE_DECIMALS = 4
SHARE_DECIMALS = 4
ZERO_MONEY = Decimal("0.00")

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DOC_FIELDS = frozenset(
    {"name", "currency", "tiers", "minimum_fee", "cap", "split", "effective_from", "notes"}
)


@dataclass(frozen=True)
class Tier:
    """One marginal band: ``rate`` percent of the part of the amount up to ``up_to``."""

    up_to: Decimal | None
    rate: Decimal


@dataclass(frozen=True)
class SplitLine:
    """A party and its percentage of the fee."""

    party: str
    share: Decimal


@dataclass(frozen=True)
class FeeFormatDoc:
    """A validated fee format document (money quantized to cents)."""

    name: str
    currency: str
    tiers: tuple[Tier, ...]
    minimum_fee: Decimal | None
    cap: Decimal | None
    split: tuple[SplitLine, ...]
    effective_from: date
    notes: str | None


class FeeFormatError(ValidationError):
    """A fee format document failed validation; ``fields`` maps field paths to messages."""


def parse_fee_format(doc: object) -> FeeFormatDoc:
    """Validate a fee format JSON document; raise FeeFormatError with every problem found."""
    if not isinstance(doc, dict):
        raise FeeFormatError({"document": [_("must be a JSON object")]})
    errors: Errors = {}
    _check_unknown(doc, _DOC_FIELDS, "", errors)
    name = _check_name(doc.get("name"), errors)
    currency = _check_currency(doc.get("currency"), errors)
    tiers = _check_tiers(doc.get("tiers"), errors)
    minimum = _check_optional_money(doc.get("minimum_fee"), "minimum_fee", errors)
    cap = _check_optional_money(doc.get("cap"), "cap", errors)
    if minimum is not None and cap is not None and minimum > cap:
        _add(errors, "minimum_fee", _("must not be more than the cap"))
    split = _check_split(doc.get("split"), errors)
    effective_from = _check_date(doc.get("effective_from"), "effective_from", errors)
    notes = _check_notes(doc.get("notes"), errors)
    if errors:
        raise FeeFormatError(errors)
    assert name is not None and currency is not None and effective_from is not None
    return FeeFormatDoc(name, currency, tiers, minimum, cap, split, effective_from, notes)


def _check_unknown(
    doc: Mapping[Any, Any], known: Iterable[str], prefix: str, errors: Errors
) -> None:
    # A misspelt key ("minimum": ...) silently ignored would drop a rule from the fee.
    for key in doc:
        if key not in known:
            _add(errors, f"{prefix}{key}", _("is not a known field"))


def _check_name(value: object, errors: Errors) -> str | None:
    if value is None:
        _add(errors, "name", _("is required"))
        return None
    if not isinstance(value, str):
        _add(errors, "name", _("must be a string"))
        return None
    name = value.strip()
    if not name:
        _add(errors, "name", _("must not be blank"))
    elif len(name) > NAME_MAX:
        _add(errors, "name", _("must be at most %(n)s characters", n=NAME_MAX))
    elif any(unicodedata.category(char) == "Cc" for char in name):
        _add(errors, "name", _("must not contain control characters"))
    else:
        return name
    return None


def _check_currency(value: object, errors: Errors) -> str | None:
    if value is None:
        _add(errors, "currency", _("is required"))
    elif not isinstance(value, str) or value not in CURRENCIES:
        _add(errors, "currency", _("must be EUR: fees are set and computed in euros"))
    else:
        return value
    return None


def _check_tiers(value: object, errors: Errors) -> tuple[Tier, ...]:
    if value is None:
        _add(errors, "tiers", _("is required"))
        return ()
    if not isinstance(value, list) or not value:
        _add(errors, "tiers", _("must be a list of at least one tier"))
        return ()
    tiers: list[Tier] = []
    lower = ZERO_MONEY
    for index, item in enumerate(value):
        tier = _check_tier(item, f"tiers.{index}", index == len(value) - 1, lower, errors)
        if tier is not None:
            tiers.append(tier)
            lower = tier.up_to if tier.up_to is not None else lower
    return tuple(tiers)


def _check_tier(
    item: object, path: str, is_last: bool, lower: Decimal, errors: Errors
) -> Tier | None:
    if not isinstance(item, dict):
        _add(errors, path, _("must be an object with up_to and rate"))
        return None
    _check_unknown(item, ("up_to", "rate"), f"{path}.", errors)
    up_to = _check_up_to(item.get("up_to"), f"{path}.up_to", is_last, lower, errors)
    rate = _check_percentage(item.get("rate"), f"{path}.rate", RATE_DECIMALS, errors)
    return None if rate is None else Tier(up_to, rate)


def _check_up_to(
    value: object, field: str, is_last: bool, lower: Decimal, errors: Errors
) -> Decimal | None:
    if is_last:
        if value is not None:
            _add(errors, field, _("must be null on the last tier (it has no upper limit)"))
        return None
    if value is None:
        _add(errors, field, _("is required: only the last tier has up_to null"))
        return None
    up_to = parse_decimal_string(value, field, errors, max_decimals=MONEY_DECIMALS)
    if up_to is None:
        return None
    if up_to <= 0:
        _add(errors, field, _("must be greater than 0"))
    elif up_to <= lower:
        _add(
            errors,
            field,
            _("must be greater than the previous tier's up_to (%(lower)s)", lower=lower),
        )
    else:
        return up_to.quantize(CENT)
    return None


def _check_percentage(value: object, field: str, decimals: int, errors: Errors) -> Decimal | None:
    if value is None:
        _add(errors, field, _("is required"))
        return None
    number = parse_decimal_string(value, field, errors, max_decimals=decimals)
    if number is None:
        return None
    if number <= 0:
        _add(errors, field, _("must be greater than 0"))
    elif number > HUNDRED:
        _add(errors, field, _("must be at most 100"))
    else:
        return number
    return None


def _check_optional_money(value: object, field: str, errors: Errors) -> Decimal | None:
    if value is None:
        return None
    amount = parse_decimal_string(value, field, errors, max_decimals=MONEY_DECIMALS)
    return None if amount is None else amount.quantize(CENT)


def _check_split(value: object, errors: Errors) -> tuple[SplitLine, ...]:
    if value is None:
        _add(errors, "split", _("is required"))
        return ()
    if not isinstance(value, list) or not value:
        _add(errors, "split", _("must be a list of at least one party and share"))
        return ()
    seen: set[str] = set()
    lines = [_check_split_line(item, f"split.{i}", seen, errors) for i, item in enumerate(value)]
    valid = [line for line in lines if line is not None]
    if len(valid) < len(lines):
        return ()
    total = sum((line.share for line in valid), Decimal(0))
    if total != HUNDRED:
        _add(
            errors,
            "split",
            _(
                "shares must add up to exactly 100, not %(total)s",
                total=format_decimal_plain(total),
            ),
        )
    return tuple(valid)


def _check_split_line(item: object, path: str, seen: set[str], errors: Errors) -> SplitLine | None:
    if not isinstance(item, dict):
        _add(errors, path, _("must be an object with party and share"))
        return None
    _check_unknown(item, ("party", "share"), f"{path}.", errors)
    party = item.get("party")
    share = _check_percentage(item.get("share"), f"{path}.share", SHARE_DECIMALS, errors)
    if party is None:
        _add(errors, f"{path}.party", _("is required"))
    elif not isinstance(party, str) or party not in PARTIES:
        _add(errors, f"{path}.party", _("must be one of %(codes)s", codes=", ".join(PARTIES)))
    elif party in seen:
        _add(errors, f"{path}.party", _("appears more than once: each party at most once"))
    else:
        seen.add(party)
        return None if share is None else SplitLine(party, share)
    return None


def _check_date(value: object, field: str, errors: Errors) -> date | None:
    if value is None:
        _add(errors, field, _("is required"))
        return None
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        _add(errors, field, _("must be an ISO date such as 2026-01-01"))
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _add(errors, field, _("is not a valid date"))
        return None


def _check_notes(value: object, errors: Errors) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        _add(errors, "notes", _("must be a string"))
        return None
    return value.strip() or None


def fee_format_to_json(fmt: FeeFormatDoc) -> dict[str, Any]:
    """Write a document back as JSON (the inverse of ``parse_fee_format``)."""
    return {
        "name": fmt.name,
        "currency": fmt.currency,
        "tiers": [
            {
                "up_to": None if tier.up_to is None else format_money(tier.up_to),
                "rate": format_decimal_plain(tier.rate),
            }
            for tier in fmt.tiers
        ],
        "minimum_fee": None if fmt.minimum_fee is None else format_money(fmt.minimum_fee),
        "cap": None if fmt.cap is None else format_money(fmt.cap),
        "split": [
            {"party": line.party, "share": format_decimal_plain(line.share)} for line in fmt.split
        ],
        "effective_from": fmt.effective_from.isoformat(),
        "notes": fmt.notes,
    }
