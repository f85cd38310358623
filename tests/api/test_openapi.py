"""The OpenAPI document describes every API route; errors, 429 included, are JSON."""

from __future__ import annotations

import re

import pytest

from crm.api.openapi import openapi_path

HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
OPERATION_KEYS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json


def test_every_api_rule_is_in_the_document(app, document):
    api_rules = {
        (method.lower(), openapi_path(rule.rule.removeprefix("/api/v1"))[0])
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods & HTTP_METHODS
    }
    documented = {(method, path) for path, item in document["paths"].items() for method in item}
    assert api_rules, "no API routes found"
    assert api_rules - documented == set(), "API routes missing from openapi.json"
    assert documented - api_rules == set(), "openapi.json names routes that do not exist"


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_document_has_the_shape_of_openapi_3_1(document):
    assert re.fullmatch(r"3\.1\.\d+", document["openapi"])
    assert document["info"]["title"] and document["info"]["version"]
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearer"] == {"type": "http", "scheme": "bearer"}
    schemas = document["components"]["schemas"]
    for ref in _refs(document):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schemas, f"dangling {ref}"
    ids = set()
    for path, item in document["paths"].items():
        assert path.startswith("/api/v1/")
        assert set(item) <= OPERATION_KEYS
        placeholders = set(re.findall(r"{(\w+)}", path))
        for method, op in item.items():
            assert op["summary"] and op["responses"], f"{method} {path}"
            for status, response in op["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d", status) and response["description"]
            declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert declared == placeholders, f"{method} {path}: path parameters"
            for param in op.get("parameters", []):
                assert param["in"] in {"path", "query", "header", "cookie"}
                assert "schema" in param
            if "requestBody" in op:
                assert op["requestBody"]["content"]
            key = (method, path)
            assert key not in ids
            ids.add(key)


def test_the_token_endpoints_are_described(document):
    tokens = document["paths"]["/api/v1/tokens"]
    assert "requestBody" in tokens["post"] and "201" in tokens["post"]["responses"]
    assert "204" in document["paths"]["/api/v1/tokens/{token_id}"]["delete"]["responses"]


@pytest.fixture
def limited_app(app):
    """A second app with rate limits on (the test app has them off), restored afterwards."""
    from crm import create_app
    from crm.extensions import limiter

    config = type(
        "LimitedConfig",
        (),
        {
            **{k: v for k, v in app.config.items() if k.isupper()},
            "RATE_LIMITS": True,
            "API_RATE_LIMIT": "3 per minute",
            "ENV_NAME": "test",
        },
    )
    limited = create_app(config)
    try:
        yield limited
    finally:
        limiter.reset()
        limiter.enabled = False


def test_rate_limited_api_requests_get_429_in_the_error_format(limited_app):
    client = limited_app.test_client()
    answers = [client.get("/api/v1/openapi.json").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 429 and response.mimetype == "application/json"
    assert response.json["error"]["code"] == "rate_limited"


def test_rate_limited_pages_get_the_layouts_error_page(limited_app):
    client = limited_app.test_client()
    codes = [
        client.post("/login", data={"email": "x@y.example", "password": "p" * 12}).status_code
        for _ in range(11)
    ]
    assert codes[-1] == 429
    response = client.post("/login", data={"email": "x@y.example", "password": "p" * 12})
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and 'id="main"' in html
    assert "Too many requests in a short time" in html
