"""Every route, checked for anonymous users, the wrong role and missing objects."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests
from tests.routes import RouteSpec

IGNORED_ENDPOINTS = {"static"}
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def _all_specs() -> list[RouteSpec]:
    specs = []
    for module in pkgutil.iter_modules(tests.__path__):
        try:
            found = importlib.import_module(f"tests.{module.name}.route_specs")
        except ModuleNotFoundError:
            continue
        specs.extend(found.ROUTES)
    return specs


SPECS = _all_specs()


def test_every_route_is_listed(app):
    routes = {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in IGNORED_ENDPOINTS
        for method in rule.methods & HTTP_METHODS
    }
    listed = {spec.key for spec in SPECS}
    assert routes - listed == set(), "routes missing from a tests/<feature>/route_specs.py"
    assert listed - routes == set(), "route specs naming routes that do not exist"


def _call(client, method: str, path: str):
    return client.open(path, method=method, json={} if path.startswith("/api/") else None)


@pytest.mark.parametrize("spec", [s for s in SPECS if not s.public], ids=lambda s: s.key)
def test_anonymous_is_sent_to_login(spec, client, request):
    response = _call(client, spec.method, spec.concrete_path(request))
    if spec.rule.startswith("/api/"):
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"
    else:
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("spec", [s for s in SPECS if s.wrong_role], ids=lambda s: s.key)
def test_wrong_role_is_refused(spec, client, login, make_user, request):
    login(make_user(spec.wrong_role, **(spec.wrong_scope or {})))
    response = _call(client, spec.method, spec.concrete_path(request))
    assert response.status_code == 403
    if spec.rule.startswith("/api/"):
        assert response.json["error"]["code"] == "forbidden"


@pytest.mark.parametrize("spec", [s for s in SPECS if s.missing], ids=lambda s: s.key)
def test_missing_object_is_404(spec, client, login, make_user):
    login(make_user(spec.allowed_role))
    response = _call(client, spec.method, spec.missing)
    assert response.status_code == 404
