"""Fee format and exchange-rate factories (they commit, like every factory)."""

from __future__ import annotations

import copy
import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from crm.extensions import db
from crm.fees import rates, service

STANDARD_DOCUMENT: dict[str, Any] = {
    "name": "Creative Lab standard",
    "currency": "EUR",
    "tiers": [
        {"up_to": "50000.00", "rate": "10"},
        {"up_to": "250000.00", "rate": "7.5"},
        {"up_to": None, "rate": "5"},
    ],
    "minimum_fee": "1500.00",
    "cap": "40000.00",
    "split": [
        {"party": "business_developer", "share": "70"},
        {"party": "lab", "share": "30"},
    ],
    "effective_from": "2026-01-01",
    "notes": "Success fee, invoiced to the firm on signature of the client contract.",
}

# The quote response of fee-formats.md's worked example (A = 123456.78), without "format".
WORKED_EXAMPLE = {
    "currency": "EUR",
    "amount": "123456.78",
    "lines": [
        {
            "from": "0.00",
            "to": "50000.00",
            "rate": "10",
            "portion": "50000.00",
            "amount": "5000.00",
        },
        {
            "from": "50000.00",
            "to": "250000.00",
            "rate": "7.5",
            "portion": "73456.78",
            "amount": "5509.26",
        },
        {"from": "250000.00", "to": None, "rate": "5", "portion": "0.00", "amount": "0.00"},
    ],
    "subtotal": "10509.26",
    "minimum_applied": False,
    "cap_applied": False,
    "fee": "10509.26",
    "split": [
        {"party": "business_developer", "share": "70", "amount": "7356.48"},
        {"party": "lab", "share": "30", "amount": "3152.78"},
    ],
}

_counter = itertools.count(1)


def standard_document(**changes: Any) -> dict[str, Any]:
    """A deep copy of the fee-formats.md document with ``changes`` applied."""
    document = copy.deepcopy(STANDARD_DOCUMENT)
    document.update(changes)
    return document


@pytest.fixture
def make_fee_format(app):
    """make_fee_format(**document_changes) -> a published FeeFormat (version 1).

    Without a ``name`` each format gets a unique one, since names belong to one format.
    """

    def _make(**changes: Any):
        changes.setdefault("name", f"Fee format {next(_counter)}")
        fmt = service.create_format(standard_document(**changes), None)
        db.session.commit()
        return fmt

    return _make


@pytest.fixture
def make_exchange_rate(app):
    """make_exchange_rate("USD", date(2026, 5, 4), "1.0823") -> a committed ExchangeRate."""

    def _make(currency: str = "USD", day: date | None = None, rate: str = "1.0823"):
        row = rates.add_rate(currency, day or date(2026, 5, 4), Decimal(rate), None)
        db.session.commit()
        return row

    return _make
