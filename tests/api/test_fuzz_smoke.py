"""Hostile bodies to every POST/PUT/PATCH API route: never a 5xx, never HTML.

A fixed, schemathesis-free smoke test (scripts/fuzz_api.sh runs schemathesis against a dev
server). Each route found in the URL map gets raw hostile bodies (not JSON, an array, deep
nesting, invalid UTF-8...), then a valid-looking base body with one field at a time replaced
by a hostile value (huge numbers, floats for money, nested junk, wrong types, 10k-character
strings, NUL bytes). Answers must be JSON; 4xx answers must use the api.md error format.
"""

from __future__ import annotations

import json
import re

import pytest

from crm.api.core import ENDPOINTS
from crm.api.openapi import query_parameters
from crm.auth.service import create_token
from crm.extensions import db
from tests.factories.fees import standard_document

WRITE_METHODS = {"POST", "PUT", "PATCH"}
_PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>")

HOSTILE_VALUES = {
    "huge integer": 10**30,
    "huge negative integer": -(10**30),
    "float": 12.5,
    "huge float": 1e308,
    "nested junk": {"a": [{"b": [None, {"c": "d"}]}], "e": []},
    "boolean": True,
    "list": [1, "x", None],
    "10k-character string": "x" * 10_000,
    "NUL bytes": "a\x00b\x00",
    "null": None,
    "empty string": "",
}

RAW_BODIES = {
    "not JSON": b"{not json",
    "JSON array": b"[1, 2, 3]",
    "JSON string": b'"text"',
    "empty body": b"",
    "5000-digit number": b'{"amount": 1' + b"0" * 5000 + b"}",
    "NaN": b'{"amount": NaN, "version": Infinity}',
    "deep nesting": b'{"a": ' * 3000 + b"1" + b"}" * 3000,
    "invalid UTF-8": b'{"title": "\xff\xfe\xfd"}',
    "unknown fields": json.dumps({"unknown_field": 1, "__proto__": {"admin": True}}).encode(),
    "NUL in a key": json.dumps({"ti\x00tle": "x"}).encode(),
}

# How to make a real object for a path placeholder (others get 1).
ID_MAKERS = {
    "question_id": ("make_question", lambda make: make(country="DE")),
    "firm_id": ("make_firm", lambda make: make()),
    "item_id": ("make_item", lambda make: make()),
    "format_id": ("make_fee_format", lambda make: make()),
    "rate_id": ("make_exchange_rate", lambda make: make("USD")),
    "organisation_id": ("make_organisation", lambda make: make()),
    "contact_id": ("make_contact", lambda make: make()),
}

# Valid-looking bodies to mutate one field at a time; other routes start from {}.
BASE_BODIES = {
    ("POST", "/api/v1/questions"): {"title": "T", "description": "D", "country": "DE"},
    ("PATCH", "/api/v1/questions/<int:question_id>"): {"version": 1, "title": "T2"},
    ("POST", "/api/v1/questions/<int:question_id>/stage"): {"stage": "qualified", "version": 1},
    ("POST", "/api/v1/firms"): {"name": "Fuzz studio", "city": "Utrecht", "size": "small"},
    ("PATCH", "/api/v1/firms/<int:firm_id>"): {"version": 1, "name": "Renamed"},
    ("POST", "/api/v1/firms/<int:firm_id>/portfolio-items"): {"title": "T", "description": "D"},
    ("POST", "/api/v1/fee-formats"): standard_document(name="Another format"),
    ("PUT", "/api/v1/fee-formats/<int:format_id>"): standard_document(name="Revised format"),
    ("POST", "/api/v1/fee-formats/<int:format_id>/quote"): {"amount": "100000.00"},
    ("POST", "/api/v1/exchange-rates"): {"currency": "USD", "date": "2026-06-01", "rate": "1.1"},
    ("PUT", "/api/v1/exchange-rates/<int:rate_id>"): {
        "currency": "USD",
        "date": "2026-05-04",
        "rate": "1.2",
    },
    ("POST", "/api/v1/tokens"): {"name": "fuzz"},
    ("POST", "/api/v1/organisations"): {"name": "Fuzz GmbH", "country": "DE"},
    ("PATCH", "/api/v1/organisations/<int:organisation_id>"): {"version": 1, "name": "Fuzz AG"},
    ("POST", "/api/v1/organisations/<int:organisation_id>/contacts"): {"name": "A Person"},
    ("PATCH", "/api/v1/contacts/<int:contact_id>"): {"version": 1, "name": "B Person"},
}


def _write_routes(app) -> list[tuple[str, str]]:
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods & WRITE_METHODS
    )


def _field_names(method: str, rule: str) -> list[str]:
    for endpoint in ENDPOINTS:
        if "/api/v1" + endpoint.rule == rule and method in endpoint.methods and endpoint.body:
            model = endpoint.body
            return [info.alias or name for name, info in model.model_fields.items()]
    return []


def _cases(method: str, rule: str, base: dict):
    """(label, raw body) pairs for one route; `base` may change between cases (version)."""
    yield from RAW_BODIES.items()
    yield "the base body", json.dumps(base).encode()
    names = list(dict.fromkeys([*base, *_field_names(method, rule)]))
    for label, value in HOSTILE_VALUES.items():
        yield f"every field {label}", json.dumps(dict.fromkeys(names, value)).encode()
        for name in names:
            yield f"{name}: {label}", json.dumps({**base, name: value}).encode()


def _problem(response) -> str | None:
    if response.status_code >= 500:
        return f"answered {response.status_code}"
    if response.mimetype != "application/json":
        return f"answered {response.status_code} as {response.mimetype}"
    body = response.get_json(silent=True)
    if not isinstance(body, dict):
        return f"answered {response.status_code} with a body that is not a JSON object"
    if response.status_code >= 400:
        error = body.get("error")
        if not (
            isinstance(error, dict)
            and isinstance(error.get("code"), str)
            and isinstance(error.get("message"), str)
        ):
            return f"answered {response.status_code} without the error format: {body}"
    return None


def _follow(method: str, path: str, response, base: dict) -> str:
    """Stay on the current version after a change, so later cases get past the 409."""
    if response.status_code >= 300:
        return path
    if "version" in base:
        base["version"] = response.json.get("version", base["version"])
    if method == "PUT" and response.status_code == 201:  # a new version with its own id
        return re.sub(r"/\d+$", f"/{response.json['id']}", path)
    return path


@pytest.fixture
def fuzz_paths(request):
    """rule -> a path with the ids of new real objects (so no route sees another's changes)."""

    def replace(match: re.Match) -> str:
        maker = ID_MAKERS.get(match.group(1))
        return str(maker[1](request.getfixturevalue(maker[0])).id if maker else 1)

    return lambda rule: _PLACEHOLDER.sub(replace, rule)


class Sender:
    """Sends requests as an admin with a Bearer token and collects every bad answer."""

    def __init__(self, client, token: str):
        self.client, self.headers, self.failures = client, {"Authorization": f"Bearer {token}"}, []

    def send(self, label: str, path: str, method: str = "GET", **kwargs):
        try:
            response = self.client.open(path, method=method, headers=self.headers, **kwargs)
        except Exception as exc:  # noqa: BLE001 - report every case, not the first crash
            db.session.rollback()
            self.failures.append(f"{label}: raised {type(exc).__name__}: {exc}")
            return None
        problem = _problem(response)
        if problem:
            self.failures.append(f"{label}: {problem}")
            return None
        return response

    def check(self) -> None:
        report = "\n".join(self.failures[:30])
        assert not self.failures, f"{len(self.failures)} bad answers:\n{report}"


@pytest.fixture
def sender(client, make_user):
    token = create_token(make_user("admin"), "fuzz")
    db.session.commit()
    return Sender(client, token)


def test_hostile_bodies_never_get_a_server_error_or_html(app, sender, fuzz_paths):
    routes = _write_routes(app)
    assert ("POST", "/api/v1/questions") in routes
    for method, rule in routes:
        path = fuzz_paths(rule)
        base = dict(BASE_BODIES.get((method, rule), {}))
        for label, raw in _cases(method, rule, base):
            response = sender.send(
                f"{method} {rule} [{label}]",
                path,
                method,
                data=raw,
                content_type="application/json",
            )
            if response is not None:
                path = _follow(method, path, response, base)
    sender.check()


def test_wrong_content_types_get_the_error_format(app, sender, fuzz_paths):
    for method, rule in _write_routes(app):
        path = fuzz_paths(rule)
        for content_type in ("text/plain", "application/x-www-form-urlencoded", "text/html"):
            label = f"{method} {rule} [{content_type}]"
            sender.send(label, path, method, data="title=x", content_type=content_type)
    sender.check()


HOSTILE_QUERY_VALUES = [
    "\x00",
    "x" * 10_000,
    "\u00b2",
    "-1",
    "0",
    "9" * 5000,
    "' OR 1=1 --",
    "%_*(",
    "null",
]
HUGE_ID = "99999999999999999999999"


def _query_names(rule: str) -> list[str]:
    for endpoint in ENDPOINTS:
        if "/api/v1" + endpoint.rule == rule and "GET" in endpoint.methods:
            return [p["name"] for p in query_parameters(endpoint)]
    return []


def test_hostile_query_strings_and_huge_ids_never_get_a_server_error(app, sender, fuzz_paths):
    gets = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and "GET" in rule.methods
    )
    for rule in gets:
        if "<" in rule:
            response = sender.send(f"GET {rule} [huge id]", _PLACEHOLDER.sub(HUGE_ID, rule))
            if response is not None and response.status_code not in (403, 404):
                sender.failures.append(f"GET {rule} [huge id]: {response.status_code}")
        path = fuzz_paths(rule)
        for name in _query_names(rule):
            for value in HOSTILE_QUERY_VALUES:
                sender.send(f"GET {rule} [{name}={value[:12]!r}]", path, query_string={name: value})
    sender.check()
