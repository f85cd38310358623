"""Exchange-rate pages: the list per currency with its chart, entering and changing a rate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select

from crm.extensions import db
from crm.fees.models import ExchangeRate


@pytest.fixture
def admin(client, login, make_user):
    return login(make_user("admin"))


def _bulk(currency: str, count: int, start: date = date(2025, 1, 1)) -> None:
    rows = [
        {
            "currency": currency,
            "day": start + timedelta(days=i),
            "rate_millionths": 1_000_000 + i * 1000,
            "source": "ecb",
        }
        for i in range(count)
    ]
    db.session.execute(insert(ExchangeRate), rows)
    db.session.commit()


def test_list_shows_a_currency_with_its_chart(admin):
    _bulk("USD", 30)
    _bulk("CNY", 3)
    response = admin.get("/exchange-rates?currency=USD")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<svg" in page and "<polyline" in page
    assert "style=" not in page
    assert "1.029" in page  # the newest rate, first
    assert 'value="CNY"' in page
    assert "Page 1 of 2 (30 in all)" in page
    assert "Enter a rate" in page


def test_list_defaults_to_the_first_currency_and_has_an_empty_state(admin):
    assert "No exchange rate is recorded yet" in admin.get("/exchange-rates").get_data(as_text=True)
    _bulk("CNY", 2)
    assert "CNY per 1 EUR" in admin.get("/exchange-rates?currency=XXX").get_data(as_text=True)


def test_topteam_reads_without_actions(client, login, make_user):
    login(make_user("topteam"))
    _bulk("USD", 2)
    page = client.get("/exchange-rates").get_data(as_text=True)
    assert "USD per 1 EUR" in page
    assert "Enter a rate" not in page
    assert "Change</a>" not in page


@pytest.mark.parametrize("sort", ["newest", "oldest", "highest", "lowest"])
def test_list_statement_count_is_fixed(admin, count_queries, sort):
    counts = []
    for extra in (5, 45):
        _bulk("USD", extra, start=date(2020, 1, 1) + timedelta(days=len(counts) * 100))
        with count_queries() as counter:
            assert admin.get(f"/exchange-rates?currency=USD&sort={sort}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_enter_a_rate_by_hand(admin):
    response = admin.post(
        "/exchange-rates/new", data={"currency": "usd", "day": "2026-05-04", "rate": "1.082345"}
    )
    assert response.status_code == 303
    row = db.session.scalar(select(ExchangeRate))
    assert (row.currency, row.day, row.rate_millionths, row.source) == (
        "USD",
        date(2026, 5, 4),
        1_082_345,
        "manual",
    )


def test_duplicate_and_invalid_rates_show_messages_beside_the_fields(admin, make_exchange_rate):
    make_exchange_rate("USD", date(2026, 5, 4), "1.08")
    duplicate = admin.post(
        "/exchange-rates/new", data={"currency": "USD", "day": "2026-05-04", "rate": "1.09"}
    )
    assert duplicate.status_code == 409
    page = duplicate.get_data(as_text=True)
    assert 'id="day-error"' in page
    assert "already recorded" in page
    invalid = admin.post(
        "/exchange-rates/new", data={"currency": "EUR", "day": "someday", "rate": "1.0000001"}
    )
    assert invalid.status_code == 422
    page = invalid.get_data(as_text=True)
    for field in ("currency", "day", "rate"):
        assert f'id="{field}-error"' in page
    assert db.session.scalar(select(func.count(ExchangeRate.id))) == 1


def test_change_a_rate(admin, make_exchange_rate):
    row = make_exchange_rate("USD", date(2026, 5, 4), "1.08")
    page = admin.get(f"/exchange-rates/{row.id}/edit").get_data(as_text=True)
    assert 'value="1.08"' in page
    response = admin.post(
        f"/exchange-rates/{row.id}/edit",
        data={"currency": "USD", "day": "2026-05-04", "rate": "1.0811"},
    )
    assert response.status_code == 303
    assert db.session.get(ExchangeRate, row.id).rate_millionths == 1_081_100
