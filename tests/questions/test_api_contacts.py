"""Contacts named on a question must exist and belong to its organisation: 422 otherwise."""

from __future__ import annotations

import pytest

from crm.auth.service import create_token
from crm.extensions import db

BASE = {"title": "School meals", "description": "Healthier food.", "country": "DE"}


@pytest.fixture
def api(client):
    """api(user) -> a callable (method, path, json=None) answering with the response."""

    def _for(user):
        headers = {"Authorization": f"Bearer {create_token(user)}"}
        db.session.commit()

        def call(method: str, path: str, json=None):
            return client.open("/api/v1" + path, method=method, json=json, headers=headers)

        return call

    return _for


@pytest.fixture
def setting(make_organisation, make_contact):
    """An organisation with one contact, and a contact of another organisation."""
    organisation = make_organisation()
    return organisation, make_contact(organisation), make_contact()


def _contacts_error(response) -> list[str]:
    assert response.status_code == 422, response.json
    return response.json["error"]["fields"]["contacts"]


@pytest.mark.parametrize("bad", ["missing", "zero", "negative", "too large", "foreign"])
def test_create_refuses_contacts_that_are_not_the_organisations(api, make_user, setting, bad):
    organisation, ours, other = setting
    wrong = {"missing": 987_654, "zero": 0, "negative": -3, "too large": 2**40}.get(bad, other.id)
    body = {**BASE, "organisation_id": organisation.id, "contacts": [ours.id, wrong]}
    assert _contacts_error(api(make_user("bd"))("POST", "/questions", body))


def test_create_keeps_the_organisations_contacts(api, make_user, setting):
    organisation, ours, _other = setting
    body = {**BASE, "organisation_id": organisation.id, "contacts": [ours.id]}
    response = api(make_user("bd"))("POST", "/questions", body)
    assert response.status_code == 201, response.json
    assert response.json["contacts"] == [ours.id]


def test_patch_refuses_unknown_contacts_and_changes_nothing(api, make_user, setting):
    organisation, ours, other = setting
    call = api(make_user("bd"))
    body = {**BASE, "organisation_id": organisation.id, "contacts": [ours.id]}
    created = call("POST", "/questions", body).json
    path = f"/questions/{created['id']}"
    for wrong in ([0], [ours.id, 2**40], [other.id], [987_654]):
        response = call("PATCH", path, {"version": created["version"], "contacts": wrong})
        assert _contacts_error(response)
    after = call("GET", path).json
    assert (after["contacts"], after["version"]) == ([ours.id], created["version"])
