"""Regressions found by the schema fuzzer (scripts/fuzz_api.sh) in the fee endpoints."""

from __future__ import annotations

import pytest

from crm.fees.schemas import FeeFormatRevision, QuoteIn

EDITOR_FORM = {
    "name": "Standard",
    "effective_from": "2026-01-01",
    "tiers-0-up_to": "50000.00",
    "tiers-0-rate": "10",
    "tiers-1-rate": "5",
    "split-0-party": "lab",
    "split-0-share": "100",
}


@pytest.fixture
def admin(client, login, make_user):
    return login(make_user("admin"))


def test_an_odd_row_number_in_the_editor_is_harmless(admin):
    data = EDITOR_FORM | {"action": "remove-tier-\u00b2"}
    response = admin.post("/fee-formats/new", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'name="tiers-1-rate"' in response.get_data(as_text=True)  # nothing removed


@pytest.mark.parametrize("query", ["page=%C2%B2", "per_page=0"])
def test_odd_paging_is_422(admin, query):
    response = admin.get(f"/api/v1/fee-formats?{query}")
    assert response.status_code == 422 and response.mimetype == "application/json"


def test_empty_filters_mean_no_filter_as_documented(admin, make_fee_format):
    make_fee_format()
    assert admin.get("/api/v1/fee-formats?status=").json["total"] == 1
    assert admin.get("/api/v1/exchange-rates?currency=").status_code == 200


def test_the_schema_states_the_amount_limit_and_the_ignored_read_back_fields():
    amount = QuoteIn.model_json_schema()["properties"]["amount"]
    assert amount["pattern"] == r"^0*\d{1,15}(\.\d{1,2})?$"
    revision = FeeFormatRevision.model_json_schema()["properties"]
    assert all("type" not in revision[name] for name in ("id", "format_key", "version", "status"))
