"""Words and numbers for people: a fee format in plain words, the calculator, version diffs.

Everything here is translated with ``_()`` and formatted for the reader's locale (Babel);
money is quantized before Babel sees it (``crm.core.i18n.money``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from crm.core.i18n import money
from crm.fees import service
from crm.fees.diff import Change, diff_formats
from crm.fees.document import FeeFormatDoc, Tier
from crm.fees.domain import describe_tiers
from crm.fees.labels import PARTY_LABELS, SOURCE_LABELS, STATUS_LABELS
from crm.fees.models import FeeFormat
from crm.fees.money import ValidationError, parse_amount

EUR = "EUR"
_PERCENT_FORMAT = "#,##0.####"
_RATE_FORMAT = "#,##0.######"

FIELD_LABELS = {
    "name": _l("Name"),
    "effective_from": _l("Effective from"),
    "minimum_fee": _l("Minimum fee"),
    "cap": _l("Cap"),
    "notes": _l("Notes"),
}


def eur(value: Decimal | str | None) -> str:
    """A EUR amount (Decimal or the decimal string of a quote) for the reader's locale."""
    if value is None:
        return "–"
    return money(Decimal(value), EUR)


def percent(value: Decimal | str) -> str:
    """A rate or share such as ``7.5`` as ``7.5%`` (``7,5%`` in Dutch), up to 4 decimals."""
    return _("%(number)s%%", number=format_decimal(Decimal(value), format=_PERCENT_FORMAT))


def rate_text(value: Decimal) -> str:
    """An exchange rate for the reader's locale, exactly (up to 6 decimals)."""
    return format_decimal(value, format=_RATE_FORMAT)


def party(code: str) -> str:
    return str(PARTY_LABELS.get(code, code))


def register_filters(bp: Blueprint) -> None:
    """Template filters of the fee pages."""
    bp.add_app_template_global(rate_text, "rate_text")
    bp.add_app_template_filter(eur, "fee_eur")
    bp.add_app_template_filter(percent, "fee_percent")
    bp.add_app_template_filter(party, "fee_party")
    bp.add_app_template_filter(lambda code: str(STATUS_LABELS.get(code, code)), "fee_status")
    bp.add_app_template_filter(lambda code: str(SOURCE_LABELS.get(code, code)), "fee_source")


def explain_tiers(doc: FeeFormatDoc) -> str:
    """ "10% of the first €50,000.00, 7.5% of the next €200,000.00, 5% above €250,000.00"."""
    parts = []
    for tier in describe_tiers(doc):
        rate = percent(tier.rate)
        if tier.kind == "first":
            parts.append(_("%(rate)s of the first %(amount)s", rate=rate, amount=eur(tier.width)))
        elif tier.kind == "next":
            parts.append(_("%(rate)s of the next %(amount)s", rate=rate, amount=eur(tier.width)))
        elif tier.kind == "above":
            parts.append(_("%(rate)s above %(amount)s", rate=rate, amount=eur(tier.lower)))
        else:
            parts.append(_("%(rate)s of the whole amount", rate=rate))
    return ", ".join(parts)


def explain(doc: FeeFormatDoc) -> list[str]:
    """The format in plain words, one sentence per rule."""
    sentences = [_("The fee is %(tiers)s.", tiers=explain_tiers(doc))]
    if doc.minimum_fee is not None:
        sentences.append(
            _(
                "Minimum fee: %(amount)s. When the tiers add up to less, the fee is the minimum "
                "(there is no fee on an amount of 0).",
                amount=eur(doc.minimum_fee),
            )
        )
    if doc.cap is not None:
        sentences.append(
            _("Cap: %(amount)s. The fee is never more than that.", amount=eur(doc.cap))
        )
    shares = ", ".join(f"{party(line.party)} {percent(line.share)}" for line in doc.split)
    sentences.append(_("The fee is split: %(shares)s.", shares=shares))
    sentences.append(
        _(
            "Each tier's amount is rounded to the cent (halves up); the parts of the split add "
            "up to the fee exactly, a remaining cent going to the largest remainder."
        )
    )
    return sentences


def calculate(fmt: FeeFormat, amount_text: str) -> tuple[dict[str, Any] | None, str | None]:
    """(the quote response, None), (None, a message for the amount field), or (None, None)."""
    text = amount_text.strip()
    if not text:
        return None, None
    try:
        amount = parse_amount(text, "amount")
    except ValidationError as exc:
        return None, _("The amount %(problem)s.", problem=" ".join(exc.fields["amount"]))
    return service.quote_for(fmt, amount), None


def tier_text(tier: Tier) -> str:
    if tier.up_to is None:
        return _("%(rate)s with no upper limit", rate=percent(tier.rate))
    return _("%(rate)s up to %(amount)s", rate=percent(tier.rate), amount=eur(tier.up_to))


def _value_text(change: Change, value: Any) -> str:
    if change.field in {"minimum_fee", "cap"}:
        return eur(value)
    if change.field == "effective_from":
        return format_date(value)
    if change.field == "tier":
        return tier_text(value)
    if change.field == "split":
        return percent(value)
    if change.field == "split_order":
        return ", ".join(party(code) for code in value)
    return str(value)


def _field_text(change: Change) -> str:
    if change.field == "tier":
        return _("Tier %(number)s", number=change.key)
    if change.field == "split":
        return _("Split, %(party)s", party=party(change.key))
    if change.field == "split_order":
        return _("Order of the split (a remaining cent goes to the first on a tie)")
    return str(FIELD_LABELS[change.field])


def describe_change(change: Change) -> str:
    """One change in words: "Cap: €40,000.00 → €45,000.00"."""
    field = _field_text(change)
    if change.kind == "added":
        return _("%(field)s added: %(after)s", field=field, after=_value_text(change, change.after))
    if change.kind == "removed":
        return _(
            "%(field)s removed (was %(before)s)",
            field=field,
            before=_value_text(change, change.before),
        )
    return _(
        "%(field)s: %(before)s → %(after)s",
        field=field,
        before=_value_text(change, change.before),
        after=_value_text(change, change.after),
    )


def version_history(versions: list[FeeFormat]) -> list[tuple[FeeFormat, list[str] | None]]:
    """Each version (newest first) with what changed since the one before (None for v1)."""
    parsed = [fmt.parsed() for fmt in versions]
    history: list[tuple[FeeFormat, list[str] | None]] = []
    for index, fmt in enumerate(versions):
        if index + 1 < len(versions):
            changes = diff_formats(parsed[index + 1], parsed[index])
            history.append((fmt, [describe_change(change) for change in changes]))
        else:
            history.append((fmt, None))
    return history
