"""The demo step: formats with versions and 18 months of USD and CNY rates."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from crm.demo import DemoContext, DemoOptions
from crm.extensions import db
from crm.fees.demo import _rates, fee_formats_and_rates, random_walk, weekdays
from crm.fees.models import ExchangeRate, FeeFormat
from crm.fees.rates import latest_rates
from crm.fees.service import quote_for


def _context(users=()) -> DemoContext:
    return DemoContext(
        options=DemoOptions(), rng=random.Random(2026), password_hash="x", created={"users": users}
    )


def test_demo_step(app, make_user):
    admin = make_user("admin")
    fee_formats_and_rates(_context([admin]))
    formats = db.session.scalars(select(FeeFormat).order_by(FeeFormat.id)).all()
    standard = [fmt for fmt in formats if fmt.name == "Creative Lab standard"]
    assert [fmt.version for fmt in standard] == [1, 2, 3]
    assert len({fmt.format_key for fmt in standard}) == 1
    assert standard[1].cap_cents == 4_500_000
    assert any(fmt.status == "retired" for fmt in formats)
    assert all(fmt.created_by_id == admin.id for fmt in formats)
    worked = quote_for(standard[0], Decimal("123456.78"))
    assert worked["fee"] == "10509.26"
    for currency in ("USD", "CNY"):
        days = db.session.scalars(
            select(ExchangeRate.day).where(ExchangeRate.currency == currency)
        ).all()
        assert 380 <= len(days) <= 400
        assert all(day.weekday() < 5 for day in days)
        assert max(days) >= date.today() - timedelta(days=3)
    found = latest_rates(["USD", "CNY"], date.today())
    assert Decimal("0.98") <= found["USD"] <= Decimal("1.2")
    assert Decimal("7.3") <= found["CNY"] <= Decimal("8.4")


def test_rates_are_deterministic(app):
    first = random_walk(_context(), 1_085_000, 980_000, 1_200_000, 50)
    second = random_walk(_context(), 1_085_000, 980_000, 1_200_000, 50)
    assert first == second
    assert all(isinstance(value, int) for value in first)
    assert _rates(_context(), date(2026, 5, 4)) == 2 * len(weekdays(date(2026, 5, 4), 548))
    assert db.session.scalar(select(func.count(ExchangeRate.id))) > 700
