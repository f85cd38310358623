"""The fee format endpoints of api.md: publish, new versions, retire, read."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.fees.models import FeeFormat
from tests.factories.fees import standard_document


@pytest.fixture
def admin(login, make_user):
    return login(make_user("admin"))


def _post_raw(client, url: str, text: str):
    return client.post(url, data=text, content_type="application/json")


def test_post_publishes_version_1(admin):
    response = admin.post("/api/v1/fee-formats", json=standard_document())
    assert response.status_code == 201
    body = response.json
    assert body["version"] == 1
    assert body["status"] == "published"
    assert len(body["format_key"]) == 32
    assert isinstance(body["id"], int)
    assert {
        k: v for k, v in body.items() if k not in {"id", "format_key", "version", "status"}
    } == (standard_document())
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "fees.format.publish"))
    assert entry.object_id == str(body["id"])


def test_get_returns_the_document_exactly(admin, make_fee_format):
    fmt = make_fee_format(name="Exact", minimum_fee=None, cap=None, notes=None)
    body = admin.get(f"/api/v1/fee-formats/{fmt.id}").json
    assert body == {
        "id": fmt.id,
        "format_key": fmt.format_key,
        "version": 1,
        "status": "published",
        **standard_document(name="Exact", minimum_fee=None, cap=None, notes=None),
    }


def test_stored_document_keeps_decimal_strings(admin):
    doc = standard_document(
        tiers=[{"up_to": "0.01", "rate": "0.0001"}, {"up_to": None, "rate": "99.9999"}],
        split=[{"party": "lab", "share": "33.3333"}, {"party": "post", "share": "66.6667"}],
    )
    body = admin.post("/api/v1/fee-formats", json=doc).json
    again = admin.get(f"/api/v1/fee-formats/{body['id']}").json
    assert again["tiers"] == doc["tiers"]
    assert again["split"] == doc["split"]
    row = db.session.get(FeeFormat, body["id"])
    assert row.minimum_fee_cents == 150000
    assert row.cap_cents == 4000000


def test_name_of_another_format_is_409(admin, make_fee_format):
    make_fee_format(name="Taken")
    response = admin.post("/api/v1/fee-formats", json=standard_document(name="taken"))
    assert response.status_code == 409
    assert response.json["error"]["code"] == "conflict"
    assert "name" in response.json["error"]["fields"]


def test_put_publishes_next_version_with_same_key(admin, make_fee_format):
    fmt = make_fee_format(name="Versioned")
    response = admin.put(
        f"/api/v1/fee-formats/{fmt.id}",
        json=standard_document(name="Versioned, renamed", cap="45000.00"),
    )
    assert response.status_code == 201
    body = response.json
    assert body["id"] != fmt.id
    assert body["format_key"] == fmt.format_key
    assert body["version"] == 2
    assert body["cap"] == "45000.00"
    old = admin.get(f"/api/v1/fee-formats/{fmt.id}").json
    assert old["cap"] == "40000.00"  # the published version never changes
    assert old["name"] == "Versioned"


def test_put_accepts_a_document_read_back_by_get(admin, make_fee_format):
    fmt = make_fee_format()
    read = admin.get(f"/api/v1/fee-formats/{fmt.id}").json
    read["minimum_fee"] = "2000.00"
    response = admin.put(f"/api/v1/fee-formats/{fmt.id}", json=read)
    assert response.status_code == 201
    assert response.json["minimum_fee"] == "2000.00"


def test_put_on_older_or_retired_version_is_409(admin, make_fee_format):
    fmt = make_fee_format(name="Old")
    second = admin.put(f"/api/v1/fee-formats/{fmt.id}", json=standard_document(name="Old")).json
    stale = admin.put(f"/api/v1/fee-formats/{fmt.id}", json=standard_document(name="Old"))
    assert stale.status_code == 409
    assert admin.post(f"/api/v1/fee-formats/{second['id']}/retire").status_code == 200
    retired = admin.put(f"/api/v1/fee-formats/{second['id']}", json=standard_document(name="Old"))
    assert retired.status_code == 409
    assert db.session.scalar(select(db.func.count(FeeFormat.id))) == 2


def test_put_to_a_name_of_another_format_is_409(admin, make_fee_format):
    make_fee_format(name="First")
    second = make_fee_format(name="Second")
    response = admin.put(f"/api/v1/fee-formats/{second.id}", json=standard_document(name="First"))
    assert response.status_code == 409


def test_retire_twice_is_409(admin, make_fee_format):
    fmt = make_fee_format()
    first = admin.post(f"/api/v1/fee-formats/{fmt.id}/retire")
    assert first.status_code == 200
    assert first.json["status"] == "retired"
    second = admin.post(f"/api/v1/fee-formats/{fmt.id}/retire")
    assert second.status_code == 409
    assert second.json["error"]["code"] == "conflict"


def test_list_is_paginated_and_filtered(admin, make_fee_format):
    formats = [make_fee_format() for _ in range(3)]
    admin.post(f"/api/v1/fee-formats/{formats[0].id}/retire")
    body = admin.get("/api/v1/fee-formats?per_page=2").json
    assert body["total"] == 3
    assert len(body["items"]) == 2
    retired = admin.get("/api/v1/fee-formats?status=retired").json
    assert [item["id"] for item in retired["items"]] == [formats[0].id]
    assert admin.get("/api/v1/fee-formats?status=nope").status_code == 422
    by_key = admin.get(f"/api/v1/fee-formats?format_key={formats[1].format_key}").json
    assert [item["id"] for item in by_key["items"]] == [formats[1].id]


INVALID_DOCUMENTS = [
    ({"name": ""}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"currency": "USD"}, "currency"),
    ({"effective_from": "2026-02-30"}, "effective_from"),
    ({"effective_from": "01-01-2026"}, "effective_from"),
    ({"tiers": []}, "tiers"),
    ({"tiers": [{"up_to": "10.00", "rate": "5"}]}, "tiers.0.up_to"),
    (
        {
            "tiers": [
                {"up_to": "100.00", "rate": "5"},
                {"up_to": "50.00", "rate": "5"},
                {"up_to": None, "rate": "1"},
            ]
        },
        "tiers.1.up_to",
    ),
    ({"tiers": [{"up_to": "0", "rate": "5"}, {"up_to": None, "rate": "1"}]}, "tiers.0.up_to"),
    ({"tiers": [{"up_to": None, "rate": "5"}, {"up_to": None, "rate": "1"}]}, "tiers.0.up_to"),
    ({"tiers": [{"up_to": "10.001", "rate": "5"}, {"up_to": None, "rate": "1"}]}, "tiers.0.up_to"),
    ({"tiers": [{"up_to": None, "rate": "0"}]}, "tiers.0.rate"),
    ({"tiers": [{"up_to": None, "rate": "100.0001"}]}, "tiers.0.rate"),
    ({"tiers": [{"up_to": None, "rate": "1.00001"}]}, "tiers.0.rate"),
    ({"tiers": [{"up_to": None, "rate": "1e1"}]}, "tiers.0.rate"),
    ({"tiers": [{"up_to": None, "rate": " 5"}]}, "tiers.0.rate"),
    ({"minimum_fee": "-1.00"}, "minimum_fee"),
    ({"minimum_fee": "50000.00", "cap": "40000.00"}, "minimum_fee"),
    ({"cap": "1.001"}, "cap"),
    ({"split": [{"party": "lab", "share": "99"}]}, "split"),
    (
        {"split": [{"party": "lab", "share": "50"}, {"party": "lab", "share": "50"}]},
        "split.1.party",
    ),
    ({"split": [{"party": "firm", "share": "100"}]}, "split.0.party"),
    (
        {"split": [{"party": "lab", "share": "0"}, {"party": "post", "share": "100"}]},
        "split.0.share",
    ),
    ({"split": [{"party": "lab", "share": "100.00001"}]}, "split.0.share"),
    ({"minimum": "1500.00"}, "minimum"),
]


@pytest.mark.parametrize(("changes", "field"), INVALID_DOCUMENTS)
def test_every_invalid_document_is_422_naming_the_field(admin, changes, field):
    response = admin.post("/api/v1/fee-formats", json=standard_document(**changes))
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]
    assert db.session.scalar(select(db.func.count(FeeFormat.id))) == 0


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('"rate": 10.5', "tiers.2.rate"),
        ('"rate": 5', "tiers.2.rate"),
        ('"rate": 5e0', "tiers.2.rate"),
    ],
)
def test_json_numbers_are_refused_by_field(admin, text, field):
    body = json.dumps(standard_document()).replace('"rate": "5"', text)
    response = _post_raw(admin, "/api/v1/fee-formats", body)
    assert response.status_code == 422
    assert "JSON number" in " ".join(response.json["error"]["fields"][field])


def test_json_number_for_a_text_field_is_a_clear_error(admin):
    body = json.dumps(standard_document()).replace('"Creative Lab standard"', "1.5")
    response = _post_raw(admin, "/api/v1/fee-formats", body)
    assert response.status_code == 422
    assert response.json["error"]["fields"]["name"] == ["must be a string"]


@pytest.mark.parametrize("text", ["[]", '"x"', "null"])
def test_a_body_that_is_not_an_object_is_422(admin, text):
    assert _post_raw(admin, "/api/v1/fee-formats", text).status_code == 422


def test_malformed_json_is_400_and_wrong_type_415(admin):
    assert _post_raw(admin, "/api/v1/fee-formats", "{").status_code == 400
    response = admin.post("/api/v1/fee-formats", data="x", content_type="text/plain")
    assert response.status_code == 415


@pytest.mark.parametrize("role", ["bd", "topteam", "post", "firm"])
def test_only_admins_write_formats(client, login, make_user, make_fee_format, role):
    fmt = make_fee_format()
    login(make_user(role))
    assert client.post("/api/v1/fee-formats", json=standard_document()).status_code == 403
    assert client.put(f"/api/v1/fee-formats/{fmt.id}", json=standard_document()).status_code == 403
    assert client.post(f"/api/v1/fee-formats/{fmt.id}/retire").status_code == 403
    assert client.get(f"/api/v1/fee-formats/{fmt.id}").status_code == 200
    assert client.get("/api/v1/fee-formats").status_code == 200


def test_api_lists_have_a_fixed_statement_count(admin, make_fee_format, count_queries):
    from datetime import date, timedelta
    from decimal import Decimal

    from crm.fees import rates

    counts = []
    for target in (5, 50):
        while db.session.scalar(select(db.func.count(FeeFormat.id))) < target:
            fmt = make_fee_format()
            rates.add_rate("USD", date(2020, 1, 1) + timedelta(days=fmt.id), Decimal(fmt.id), None)
        db.session.commit()
        with count_queries() as counter:
            assert admin.get("/api/v1/fee-formats?per_page=200").status_code == 200
            assert admin.get("/api/v1/exchange-rates?per_page=200").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
