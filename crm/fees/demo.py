"""Demo data: the Creative Lab standard format in a few versions, a retired pilot format, and
USD and CNY rates for every weekday of the last 18 months (a deterministic random walk)."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert

from crm.demo import DemoContext, demo_step
from crm.extensions import db
from crm.fees import service
from crm.fees.models import ECB, ExchangeRate

STANDARD: dict[str, Any] = {
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
PILOT: dict[str, Any] = {
    "name": "Pilot 2025 flat fee",
    "currency": "EUR",
    "tiers": [{"up_to": None, "rate": "8"}],
    "minimum_fee": "1000.00",
    "cap": None,
    "split": [
        {"party": "business_developer", "share": "80"},
        {"party": "lab", "share": "20"},
    ],
    "effective_from": "2025-01-01",
    "notes": "The pilot year's flat percentage. Replaced by the Creative Lab standard.",
}
WITH_POST: dict[str, Any] = {
    **copy.deepcopy(STANDARD),
    "name": "Creative Lab with a post",
    "split": [
        {"party": "business_developer", "share": "60"},
        {"party": "lab", "share": "25"},
        {"party": "post", "share": "15"},
    ],
    "notes": "For deals a post sourced: the post's share funds its trade events.",
}
# (currency, first rate in millionths, lowest, highest): units per 1 EUR.
WALKS = (("USD", 1_085_000, 980_000, 1_200_000), ("CNY", 7_800_000, 7_300_000, 8_400_000))
DAYS = 548  # about 18 months


def _admin(context: DemoContext):
    users = context.created.get("users", [])
    return next((user for user in users if user.role == "admin"), None)


def _formats(context: DemoContext) -> list:
    admin = _admin(context)
    v1 = service.create_format(copy.deepcopy(STANDARD), admin)
    v2 = service.revise_format(v1, {**copy.deepcopy(STANDARD), "cap": "45000.00"}, admin)
    v3 = service.revise_format(
        v2,
        {
            **copy.deepcopy(STANDARD),
            "cap": "45000.00",
            "minimum_fee": "2000.00",
            "effective_from": "2026-07-01",
        },
        admin,
    )
    pilot = service.create_format(copy.deepcopy(PILOT), admin)
    service.retire_format(pilot, admin)
    with_post = service.create_format(copy.deepcopy(WITH_POST), admin)
    return [v1, v2, v3, pilot, with_post]


def weekdays(end: date, days: int) -> list[date]:
    """The weekdays of the ``days`` days up to and including ``end``, oldest first."""
    start = end - timedelta(days=days - 1)
    every = (start + timedelta(days=offset) for offset in range(days))
    return [day for day in every if day.weekday() < 5]


def random_walk(context: DemoContext, start: int, low: int, high: int, steps: int) -> list[int]:
    """Rates in millionths, each within 0.4% of the previous one and inside [low, high]."""
    values, value = [], start
    for _step in range(steps):
        value += value * context.rng.randint(-40, 40) // 10_000
        value = min(max(value, low), high)
        values.append(value)
    return values


def _rates(context: DemoContext, today: date) -> int:
    days = weekdays(today, DAYS)
    admin = _admin(context)
    rows = []
    for currency, start, low, high in WALKS:
        walk = random_walk(context, start, low, high, len(days))
        rows += [
            {
                "currency": currency,
                "day": day,
                "rate_millionths": value,
                "source": ECB,
                "created_by_id": getattr(admin, "id", None),
            }
            for day, value in zip(days, walk, strict=True)
        ]
    db.session.execute(insert(ExchangeRate), rows)
    return len(rows)


@demo_step(20)
def fee_formats_and_rates(context: DemoContext) -> None:
    """Fee formats with versions, and 18 months of USD and CNY rates, in bulk."""
    context.created["fee_formats"] = _formats(context)
    _rates(context, date.today())
