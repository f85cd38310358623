"""Exchange rates: the rate in force on a date, and the exchange-rate API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm.extensions import db
from crm.fees.models import ExchangeRate
from crm.fees.rates import from_millionths, latest_rates, rate_on, to_millionths


def test_millionths_round_trip_exactly():
    assert to_millionths(Decimal("1.0823")) == 1_082_300
    assert to_millionths(Decimal("17666.381234")) == 17_666_381_234
    assert from_millionths(1_082_300) == Decimal("1.0823")
    with pytest.raises(ValueError):
        to_millionths(Decimal("1.0000001"))


def test_rate_on_takes_the_latest_on_or_before(make_exchange_rate):
    make_exchange_rate("USD", date(2026, 5, 1), "1.08")
    make_exchange_rate("USD", date(2026, 5, 4), "1.09")
    assert rate_on("USD", date(2026, 4, 30)) is None
    assert rate_on("USD", date(2026, 5, 1)) == Decimal("1.08")
    assert rate_on("USD", date(2026, 5, 3)) == Decimal("1.08")
    assert rate_on("USD", date(2026, 5, 4)) == Decimal("1.09")
    assert rate_on("USD", date(2030, 1, 1)) == Decimal("1.09")
    assert rate_on("CNY", date(2026, 5, 4)) is None
    assert rate_on("EUR", date(1999, 1, 1)) == Decimal(1)


def test_latest_rates_in_one_query(make_exchange_rate, count_queries):
    make_exchange_rate("USD", date(2026, 5, 1), "1.08")
    make_exchange_rate("USD", date(2026, 5, 4), "1.09")
    make_exchange_rate("CNY", date(2026, 5, 2), "7.8")
    make_exchange_rate("CNY", date(2026, 5, 6), "7.9")
    with count_queries() as counter:
        found = latest_rates(["USD", "CNY", "EUR", "JPY"], date(2026, 5, 5))
    assert counter.count == 1
    assert found == {"USD": Decimal("1.09"), "CNY": Decimal("7.8"), "EUR": Decimal(1)}
    with count_queries() as counter:
        assert latest_rates(["EUR"], date(2026, 5, 5)) == {"EUR": Decimal(1)}
    assert counter.count == 0


@pytest.fixture
def admin(login, make_user):
    return login(make_user("admin"))


def test_post_rate_then_duplicate_is_409(admin):
    body = {"currency": "USD", "date": "2026-05-04", "rate": "1.0823"}
    response = admin.post("/api/v1/exchange-rates", json=body)
    assert response.status_code == 201
    assert response.json == {
        "id": response.json["id"],
        "currency": "USD",
        "date": "2026-05-04",
        "rate": "1.0823",
        "source": "manual",
    }
    row = db.session.get(ExchangeRate, response.json["id"])
    assert row.rate_millionths == 1_082_300
    again = admin.post("/api/v1/exchange-rates", json={**body, "rate": "1.1"})
    assert again.status_code == 409
    assert again.json["error"]["code"] == "conflict"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"currency": "usd", "date": "2026-05-04", "rate": "1"}, "currency"),
        ({"currency": "EUR", "date": "2026-05-04", "rate": "1"}, "currency"),
        ({"currency": "XYZ", "date": "2026-05-04", "rate": "1"}, "currency"),
        ({"currency": "USD", "date": "2026-13-04", "rate": "1"}, "date"),
        ({"currency": "USD", "date": "4 May 2026", "rate": "1"}, "date"),
        ({"currency": "USD", "date": "2026-05-04", "rate": "0"}, "rate"),
        ({"currency": "USD", "date": "2026-05-04", "rate": "-1"}, "rate"),
        ({"currency": "USD", "date": "2026-05-04", "rate": "1.0000001"}, "rate"),
        ({"currency": "USD", "date": "2026-05-04", "rate": "1e2"}, "rate"),
        ({"currency": "USD", "date": "2026-05-04", "rate": 1}, "rate"),
        ({"currency": "USD", "date": "2026-05-04", "rate": "1000000000000"}, "rate"),
        ({"currency": "USD", "date": "2026-05-04"}, "rate"),
        ({"currency": "USD", "date": "2026-05-04", "rate": "1", "x": 1}, "x"),
    ],
)
def test_invalid_rates_are_422_by_field(admin, body, field):
    response = admin.post("/api/v1/exchange-rates", json=body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_json_float_rate_is_refused(admin):
    response = admin.post(
        "/api/v1/exchange-rates",
        data='{"currency": "USD", "date": "2026-05-04", "rate": 1.08}',
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "JSON number" in response.json["error"]["fields"]["rate"][0]


def test_put_changes_a_rate_and_refuses_a_clash(admin, make_exchange_rate):
    row = make_exchange_rate("USD", date(2026, 5, 4), "1.08")
    make_exchange_rate("USD", date(2026, 5, 5), "1.09")
    body = {"currency": "USD", "date": "2026-05-04", "rate": "1.081234"}
    response = admin.put(f"/api/v1/exchange-rates/{row.id}", json=body)
    assert response.status_code == 200
    assert response.json["rate"] == "1.081234"
    clash = admin.put(f"/api/v1/exchange-rates/{row.id}", json={**body, "date": "2026-05-05"})
    assert clash.status_code == 409


def test_list_filters_by_currency_newest_first(admin, make_exchange_rate):
    for day in (1, 2, 3):
        make_exchange_rate("USD", date(2026, 5, day), f"1.0{day}")
    make_exchange_rate("CNY", date(2026, 5, 1), "7.8")
    body = admin.get("/api/v1/exchange-rates?currency=USD&per_page=2").json
    assert body["total"] == 3
    assert [item["date"] for item in body["items"]] == ["2026-05-03", "2026-05-02"]
    assert admin.get("/api/v1/exchange-rates?currency=us").status_code == 422
    one = admin.get(f"/api/v1/exchange-rates/{body['items'][0]['id']}").json
    assert one["rate"] == "1.03"


@pytest.mark.parametrize("role", ["bd", "topteam", "post", "firm"])
def test_only_admins_write_rates(client, login, make_user, make_exchange_rate, role):
    row = make_exchange_rate()
    login(make_user(role))
    body = {"currency": "USD", "date": "2026-06-01", "rate": "1.1"}
    assert client.post("/api/v1/exchange-rates", json=body).status_code == 403
    assert client.put(f"/api/v1/exchange-rates/{row.id}", json=body).status_code == 403
    expected = 200 if role == "topteam" else 403
    assert client.get("/api/v1/exchange-rates").status_code == expected
    assert db.session.scalar(select(db.func.count(ExchangeRate.id))) == 1
