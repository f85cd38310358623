"""Regressions found by the schema fuzzer (scripts/fuzz_api.sh) in the shared API code."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated

import pytest
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from crm.api.types import Money, NotNull, Timestamp, decimal_string
from crm.auth.service import create_token
from crm.extensions import db

RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


@pytest.fixture
def bearer(make_user):
    token = create_token(make_user("admin"))
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "query",
    ["page=%C2%B2", "per_page=%C2%B2", "page=" + "9" * 5000, "page=99999999999999999999", "page="],
)
def test_bad_pagination_is_a_422_not_a_500(client, bearer, query):
    # "²".isdigit() is True but int("²") raises; a huge page overflowed the OFFSET.
    response = client.get(f"/api/v1/tokens?{query}", headers=bearer)
    assert response.status_code == 422 and response.mimetype == "application/json"
    assert response.json["error"]["code"] == "validation_error"


def test_timestamps_carry_an_offset_as_date_time_requires():
    adapter = TypeAdapter(Timestamp)
    assert adapter.dump_python(datetime(2026, 5, 4, 9, 30), mode="json") == (
        "2026-05-04T09:30:00+00:00"
    )
    cet = datetime(2026, 5, 4, 11, 30, tzinfo=timezone(timedelta(hours=2)))
    assert adapter.dump_python(cet, mode="json") == "2026-05-04T09:30:00+00:00"
    assert adapter.json_schema() == {"type": "string", "format": "date-time"}


def test_token_timestamps_are_rfc3339(client, bearer):
    item = client.get("/api/v1/tokens", headers=bearer).json["items"][0]
    assert RFC3339.fullmatch(item["created_at"]) and RFC3339.fullmatch(item["last_used_at"])
    assert datetime.fromisoformat(item["created_at"]).tzinfo == UTC


class _Amount(BaseModel):
    value: Money


@pytest.mark.parametrize(
    "text",
    ["100.00\n", "\u0661\u0662\u0663", "1" * 16, "100.001", " 1.00", "1e3", "-1.00", "NaN"],
)
def test_money_strings_refuse_newlines_foreign_digits_and_huge_values(text):
    with pytest.raises(ValidationError):
        _Amount(value=text)


def test_money_accepts_plain_strings_up_to_fifteen_digits():
    assert str(_Amount(value="9" * 15 + ".99").value) == "9" * 15 + ".99"
    assert str(_Amount(value="0000000000000000012.5").value) == "12.5"


def test_decimal_string_schema_states_its_decimals():
    assert TypeAdapter(Money).json_schema()["pattern"] == r"^0*\d{1,15}(\.\d{1,2})?$"
    assert TypeAdapter(decimal_string(0, True)).json_schema()["pattern"] == r"^-?0*\d{1,15}$"


class _Patch(BaseModel):
    title: Annotated[str, Field(max_length=5)] | NotNull = None


def test_not_null_fields_leave_null_out_of_the_schema_but_reach_the_view():
    assert _Patch.model_json_schema()["properties"]["title"]["type"] == "string"
    assert _Patch.model_validate({"title": None}).model_fields_set == {"title"}


def test_anonymous_api_writes_get_401_even_with_csrf_on(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/api/v1/tokens", json={"name": "x"})
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_cookie_api_writes_without_csrf_still_get_400(app, client, login, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        login(make_user("admin"))
        response = client.post("/api/v1/tokens", json={"name": "x"})
        assert response.status_code == 400
        assert response.json["error"]["code"] == "csrf_failed"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_nul_characters_in_a_body_are_a_named_422(client, bearer):
    # PostgreSQL text cannot hold NUL: the INSERT raised DataError (a 500) there.
    response = client.post("/api/v1/tokens", json={"name": "lap\x00top"}, headers=bearer)
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"name": ["must not contain NUL characters"]}


def test_nul_characters_in_the_query_are_a_named_422(client, bearer):
    response = client.get("/api/v1/tokens?page=1&label=a%00b", headers=bearer)
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"label": ["must not contain NUL characters"]}


def test_anonymous_requests_with_nul_in_the_query_still_get_401(client):
    assert client.get("/api/v1/tokens?label=%00").status_code == 401
