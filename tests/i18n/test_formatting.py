"""Money and dates follow the reader's locale."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import force_locale


def test_money_and_dates_in_english_and_dutch(app):
    env = app.jinja_env
    with app.test_request_context("/"):
        with force_locale("en"):
            assert env.filters["money"](Decimal("1234.5"), "EUR") == "€1,234.50"
            assert env.filters["money_minor"](123456, "USD") == "$1,234.56"
            assert env.filters["date"](date(2026, 5, 4)) == "May 4, 2026"
        with force_locale("nl"):
            assert env.filters["money"](Decimal("1234.5"), "EUR") == "€\xa01.234,50"
            assert env.filters["date"](date(2026, 5, 4)) == "4 mei 2026"
            # stored as naive UTC, shown in Amsterdam time
            assert env.filters["datetime"](datetime(2026, 5, 4, 10, 0)) == "04-05-2026, 12:00"
        assert env.filters["datetime"](None) == "–"


def test_money_rounds_half_up_before_formatting(app):
    with app.test_request_context("/"), force_locale("en"):
        assert app.jinja_env.filters["money"](Decimal("0.125"), "EUR") == "€0.13"
