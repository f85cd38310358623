"""Regressions found by the schema fuzzer (scripts/fuzz_api.sh): no 500s, answers as documented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm.firms.schemas import FirmPatch

HUGE_ID = "99999999999999999999999"  # past 64 bits: the driver raised instead of "no row"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/api/v1/firms/{HUGE_ID}"),
        ("PATCH", f"/api/v1/firms/{HUGE_ID}"),
        ("POST", f"/api/v1/firms/{HUGE_ID}/portfolio-items"),
        ("POST", f"/api/v1/portfolio-items/{HUGE_ID}/files"),
    ],
)
def test_huge_ids_in_the_api_are_404(client, login, make_user, method, path):
    login(make_user("admin"))
    response = client.open(path, method=method, json={"version": 1})
    assert response.status_code == 404 and response.mimetype == "application/json"


@pytest.mark.parametrize(
    "path",
    [
        f"/firms/{HUGE_ID}",
        f"/portfolio-items/{HUGE_ID}",
        f"/portfolio-files/{HUGE_ID}",
        f"/portfolio-files/{HUGE_ID}/thumb",
    ],
)
def test_huge_ids_on_pages_are_404(client, login, make_user, path):
    login(make_user("admin"))
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("action", [f"invitations/{HUGE_ID}/revoke", f"members/{HUGE_ID}/remove"])
def test_huge_member_and_invitation_ids_are_404(client, login, make_user, action):
    member = make_user("firm")
    login(member)
    assert client.post(f"/firms/{member.firm_id}/{action}").status_code == 404


def test_an_odd_page_number_is_a_422_in_the_api_and_ignored_on_the_page(client, login, make_user):
    login(make_user("bd"))
    assert client.get("/api/v1/firms?page=%C2%B2").status_code == 422
    assert client.get("/firms?page=%C2%B2").status_code == 200


def test_answers_write_moments_with_an_offset(client, login, make_user, make_firm):
    firm = make_firm()
    login(make_user("bd"))
    body = client.get(f"/api/v1/firms/{firm.id}").json
    assert datetime.fromisoformat(body["created_at"]).tzinfo == UTC
    assert datetime.fromisoformat(body["updated_at"]).tzinfo == UTC


@pytest.mark.parametrize("field", ["name", "city", "size"])
def test_required_fields_are_not_nullable_in_the_patch_schema(field):
    schema = FirmPatch.model_json_schema()["properties"][field]
    assert "anyOf" not in schema and schema["type"] == "string"


def test_null_for_a_required_field_is_still_a_named_422(client, login, make_user):
    member = make_user("firm")
    login(member)
    response = client.patch(f"/api/v1/firms/{member.firm_id}", json={"version": 1, "name": None})
    assert response.status_code == 422 and "name" in response.json["error"]["fields"]


def test_an_odd_version_on_the_edit_form_is_a_conflict_not_a_500(client, login, make_user):
    member = make_user("firm")
    login(member)
    form = {"name": "Studio", "city": "Utrecht", "size": "small", "version": "\u00b2"}
    assert client.post(f"/firms/{member.firm_id}/edit", data=form).status_code == 409
