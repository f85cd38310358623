"""The document promises what the API answers (what the schema fuzzer checks)."""

from __future__ import annotations

import pytest

from crm.api.core import ENDPOINTS


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json


def _operations(document):
    for path, item in document["paths"].items():
        for method, op in item.items():
            yield method, path, op


def test_every_write_documents_400_and_json_bodies_document_415(document):
    for method, path, op in _operations(document):
        if method == "get":
            continue
        assert "400" in op["responses"], f"{method} {path}"  # CSRF for cookie requests
        content = op.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            assert {"413", "415"} <= op["responses"].keys(), f"{method} {path}"


def test_every_json_answer_has_a_schema(document):
    for method, path, op in _operations(document):
        for status, response in op["responses"].items():
            if status != "204":
                assert "application/json" in response.get("content", {}), f"{method} {path}"


def test_every_endpoint_declares_its_response_model():
    missing = [e.rule for e in ENDPOINTS if e.response is None and e.status != 204]
    assert missing == []


def test_lists_document_typed_paging(document):
    lists = 0
    for method, path, op in _operations(document):
        answer = op["responses"].get("200", {}).get("content", {}).get("application/json", {})
        name = answer.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        fields = document["components"]["schemas"].get(name, {}).get("properties", {})
        if {"items", "page", "per_page", "total"} <= fields.keys():
            lists += 1
            params = {p["name"]: p["schema"] for p in op["parameters"] if p["in"] == "query"}
            assert params["page"]["type"] == "integer" and params["page"]["minimum"] == 1
            assert params["per_page"] == {
                "type": "integer",
                "minimum": 1,
                "maximum": 200,
                "default": 50,
            }, f"{method} {path}"
    assert lists >= 4


def test_typed_query_parameters(document):
    params = {
        p["name"]: p["schema"]
        for p in document["paths"]["/api/v1/questions"]["get"]["parameters"]
        if p["in"] == "query"
    }
    assert params["dir"]["enum"] == ["", "asc", "desc"]
    assert params["owner"]["pattern"] == r"^([0-9]{1,9}|none)?$"
