"""POST /api/v1/fee-formats/<id>/quote agrees with the pure rules, to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.fees.domain import parse_fee_format, quote, quote_to_json
from tests.factories.fees import WORKED_EXAMPLE, standard_document


@pytest.fixture
def standard(make_fee_format):
    return make_fee_format(name="Creative Lab standard")


def test_worked_example(client, login, make_user, standard):
    login(make_user("firm"))
    response = client.post(f"/api/v1/fee-formats/{standard.id}/quote", json={"amount": "123456.78"})
    assert response.status_code == 200
    assert response.json == {
        "format": {"id": standard.id, "name": "Creative Lab standard", "version": 1},
        **WORKED_EXAMPLE,
    }


@pytest.mark.parametrize(
    ("amount", "fee", "minimum", "cap"),
    [
        ("0", "0.00", False, False),
        ("0.01", "1500.00", True, False),
        ("15000.00", "1500.00", False, False),
        ("50000.00", "5000.00", False, False),
        ("250000.00", "20000.00", False, False),
        ("650000.00", "40000.00", False, False),
        ("650000.01", "40000.00", False, False),  # the line rounds to 20000.00
        ("650000.10", "40000.00", False, True),
        ("999999999999999.99", "40000.00", False, True),
    ],
)
def test_edges(client, login, make_user, standard, amount, fee, minimum, cap):
    login(make_user("bd"))
    body = client.post(f"/api/v1/fee-formats/{standard.id}/quote", json={"amount": amount}).json
    assert (body["fee"], body["minimum_applied"], body["cap_applied"]) == (fee, minimum, cap)


@pytest.mark.parametrize(
    "raw",
    [
        '{"amount": "-1.00"}',
        '{"amount": "abc"}',
        '{"amount": 100}',
        '{"amount": 100.5}',
        '{"amount": "1e3"}',
        '{"amount": " 100"}',
        '{"amount": "100 "}',
        '{"amount": "1.001"}',
        '{"amount": ""}',
        '{"amount": null}',
        '{"amount": "1234567890123456"}',
        "{}",
        '{"amount": "1.00", "extra": 1}',
    ],
)
def test_bad_amounts_are_422_naming_amount(client, login, make_user, standard, raw):
    login(make_user("post"))
    response = client.post(
        f"/api/v1/fee-formats/{standard.id}/quote", data=raw, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) <= {"amount", "extra"}
    assert error["fields"]


def test_quote_on_a_missing_format_is_404(client, login, make_user):
    login(make_user("firm"))
    response = client.post("/api/v1/fee-formats/999999/quote", json={"amount": "1.00"})
    assert response.status_code == 404


def test_a_retired_format_can_still_be_quoted(client, login, make_user, standard):
    login(make_user("admin"))
    client.post(f"/api/v1/fee-formats/{standard.id}/retire")
    response = client.post(f"/api/v1/fee-formats/{standard.id}/quote", json={"amount": "10.00"})
    assert response.status_code == 200


THREE_WAY = standard_document(
    name="Three-way",
    tiers=[{"up_to": "1000.00", "rate": "12.345"}, {"up_to": None, "rate": "3.3333"}],
    minimum_fee=None,
    cap=None,
    split=[
        {"party": "business_developer", "share": "33.3333"},
        {"party": "lab", "share": "33.3333"},
        {"party": "programme", "share": "33.3334"},
    ],
)

amounts = st.decimals(
    min_value=Decimal(0), max_value=Decimal("999999999999.99"), places=2, allow_nan=False
)


@pytest.fixture
def formats(make_fee_format):
    return {
        "standard": (make_fee_format(**standard_document()), standard_document()),
        "three-way": (make_fee_format(**THREE_WAY), THREE_WAY),
    }


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(amount=amounts, which=st.sampled_from(["standard", "three-way"]))
def test_api_agrees_with_the_pure_functions(client, login, make_user, formats, amount, which):
    """The fixtures run once: every example quotes the same two stored formats."""
    login(make_user("firm"))
    fmt, document = formats[which]
    text = f"{amount:f}"
    response = client.post(f"/api/v1/fee-formats/{fmt.id}/quote", json={"amount": text})
    assert response.status_code == 200
    expected = quote_to_json(quote(parse_fee_format(document), Decimal(text)), fmt.id, fmt.name, 1)
    assert response.json == expected
