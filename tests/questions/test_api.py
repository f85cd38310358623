"""The question endpoints of api.md, every status code they answer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.auth.service import create_token
from crm.extensions import db
from crm.questions.models import Question

NEW = {
    "title": "Healthy school meals",
    "description": "A province fights obesity among children.",
    "country": "DE",
    "post": "munich-cg",
    "organisation": "Bezirk Oberbayern",
    "themes": ["health", "food"],
    "disciplines": ["service-design"],
    "estimated_value": "5000.00",
    "currency": "EUR",
    "expected_decision": "2026-10-01",
}


@pytest.fixture
def api(client):
    """api(user) -> a callable (method, path, json=None) answering with the response."""

    def _for(user):
        headers = {"Authorization": f"Bearer {create_token(user)}"}
        db.session.commit()

        def call(method: str, path: str, json=None, **kwargs):
            return client.open(
                "/api/v1" + path, method=method, json=json, headers=headers, **kwargs
            )

        return call

    return _for


def test_create_returns_201_with_the_question(api, make_user):
    bd = make_user("bd")
    response = api(bd)("POST", "/questions", NEW)
    assert response.status_code == 201, response.json
    body = response.json
    assert body["owner"] == bd.id and body["stage"] == "sourced" and body["version"] == 1
    assert body["estimated_value"] == "5000.00" and body["probability"] == 5
    assert body["probability_override"] is None and body["matches"] == []
    assert body["themes"] == ["food", "health"]
    [first] = body["stage_history"]
    assert first["from"] is None and first["to"] == "sourced" and first["by"] == bd.id
    assert set(first) == {"from", "to", "at", "by", "note", "reason"}


def test_create_defaults_the_currency_to_the_countrys(api, make_user):
    user = make_user("bd", country_code="CN", lab_code="lab-cn-shanghai")
    body = api(user)("POST", "/questions", {"title": "t", "description": "d", "country": "CN"})
    assert body.status_code == 201 and body.json["currency"] == "CNY"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"post": "shanghai-cg"}, "post"),
        ({"estimated_value": 5000}, "estimated_value"),
        ({"estimated_value": "1e3"}, "estimated_value"),
        ({"estimated_value": " 5000"}, "estimated_value"),
        ({"estimated_value": "5000.001"}, "estimated_value"),
        ({"currency": "GBP"}, "currency"),
        ({"themes": ["nope"]}, "themes"),
        ({"country": "XX"}, "country"),
        ({"expected_decision": "tomorrow"}, "expected_decision"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_create_refuses_invalid_fields_with_422(api, make_user, changes, field):
    user = make_user("admin")
    response = api(user)("POST", "/questions", NEW | changes)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert db.session.scalar(select(Question.id)) is None


def test_create_requires_title_description_country(api, make_user):
    response = api(make_user("bd"))("POST", "/questions", {})
    assert response.status_code == 422
    assert {"title", "description", "country"} <= set(response.json["error"]["fields"])


def test_create_status_codes_for_who_and_how(api, make_user, client):
    bd = make_user("bd")
    assert api(bd)("POST", "/questions", NEW | {"country": "US", "post": None}).status_code == 403
    assert api(make_user("firm"))("POST", "/questions", NEW).status_code == 403
    assert client.post("/api/v1/questions", json=NEW).status_code == 401
    malformed = api(bd)("POST", "/questions", data="{nope", content_type="application/json")
    assert malformed.status_code == 400
    assert api(bd)("PUT", "/questions").status_code == 405


def test_post_user_creates_unclaimed_for_their_post(api, make_user):
    make_user("bd")
    post_user = make_user("post")
    call = api(post_user)
    body = call("POST", "/questions", NEW | {"post": None}).json
    assert body["owner"] is None and body["post"] == "berlin-embassy"
    assert body["stage"] == "sourced"
    assert call("POST", "/questions", NEW).status_code == 422  # munich-cg is not their post


def test_list_is_paginated_filtered_and_scoped(api, make_user, make_question):
    bd = make_user("bd")
    for n in range(3):
        make_question(title=f"Mine {n}", owner=bd, post_code="berlin-embassy")
    make_question(title="Unclaimed", country="US")
    call = api(bd)
    body = call("GET", "/questions?per_page=2").json
    assert (body["total"], body["per_page"], len(body["items"])) == (4, 2, 2)
    assert call("GET", f"/questions?owner={bd.id}").json["total"] == 3
    assert call("GET", "/questions?owner=none").json["items"][0]["title"] == "Unclaimed"
    assert call("GET", "/questions?q=mine&country=DE").json["total"] == 3
    assert call("GET", "/questions?owner=abc").status_code == 422
    assert call("GET", "/questions?stage=nope").status_code == 422
    assert call("GET", "/questions?per_page=500").status_code == 422
    assert api(make_user("post"))("GET", "/questions").json["total"] == 3
    assert api(make_user("firm"))("GET", "/questions").status_code == 403


def test_get_one(api, make_user, make_question):
    question = make_question(stage="proposal", probability_override=None)
    body = api(make_user("topteam"))("GET", f"/questions/{question.id}").json
    assert body["probability"] == 50 and body["id"] == question.id
    assert [m["to"] for m in body["stage_history"]] == ["sourced", "proposal"]
    assert api(make_user("topteam"))("GET", "/questions/0").status_code == 404
    post_other = make_user("post", post_code="munich-cg")
    assert api(post_other)("GET", f"/questions/{question.id}").status_code == 403


def test_patch_changes_fields_and_increments_the_version(api, make_user, make_question):
    bd = make_user("bd")
    question = make_question(owner=bd, stage="proposal")
    call = api(bd)
    response = call(
        "PATCH",
        f"/questions/{question.id}",
        {"version": 1, "title": "Sharper", "probability_override": 65, "post": None},
    )
    assert response.status_code == 200, response.json
    assert response.json["version"] == 2 and response.json["title"] == "Sharper"
    assert response.json["probability"] == 65
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.update"))
    assert entry.before["title"] != "Sharper" and entry.after["title"] == "Sharper"
    stale = call("PATCH", f"/questions/{question.id}", {"version": 1, "title": "Lost update"})
    assert stale.status_code == 409
    assert "title" in stale.json["error"]["message"]
    db.session.refresh(question)
    assert question.title == "Sharper"


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "stage": "won"},
        {"version": 1, "owner": 1},
        {"title": "no version"},
        {"version": 1, "title": None},
        {"version": 1, "probability_override": 101},
        {"version": 1, "estimated_value": 12},
    ],
)
def test_patch_refuses_with_422(api, make_user, make_question, body):
    bd = make_user("bd")
    question = make_question(owner=bd)
    response = api(bd)("PATCH", f"/questions/{question.id}", body)
    assert response.status_code == 422
    db.session.refresh(question)
    assert question.version == 1


def test_patch_who(api, make_user, make_question):
    owner = make_user("bd")
    question = make_question(owner=owner)
    us = make_user("bd", country_code="US", lab_code="lab-us")
    assert api(us)("PATCH", f"/questions/{question.id}", {"version": 1}).status_code == 403
    colleague = api(make_user("bd"))
    prob = colleague(
        "PATCH", f"/questions/{question.id}", {"version": 1, "probability_override": 9}
    )
    assert prob.status_code == 403
    moved = api(owner)("PATCH", f"/questions/{question.id}", {"version": 1, "country": "US"})
    assert moved.status_code == 403


def test_stage_moves_and_history(api, make_user, make_question):
    owner = make_user("bd")
    question = make_question(owner=owner, probability_override=None)
    call = api(owner)
    call("PATCH", f"/questions/{question.id}", {"version": 1, "probability_override": 30})
    moved = call("POST", f"/questions/{question.id}/stage", {"stage": "qualified", "note": "Met"})
    assert moved.status_code == 200
    body = moved.json
    assert body["stage"] == "qualified" and body["version"] == 3
    assert body["probability_override"] is None and body["probability"] == 15
    last = body["stage_history"][-1]
    assert (last["from"], last["to"], last["by"], last["note"]) == (
        "sourced",
        "qualified",
        owner.id,
        "Met",
    )
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.stage"))


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"stage": "sourced"}, 422),
        ({"stage": "won"}, 422),
        ({"stage": "lost"}, 422),
        ({"stage": "lost", "reason": "  "}, 422),
        ({"stage": "nowhere"}, 422),
        ({"stage": "qualified", "version": 7}, 409),
        ({"stage": 3}, 422),
    ],
)
def test_stage_refusals(api, make_user, make_question, body, status):
    owner = make_user("bd")
    question = make_question(owner=owner)
    response = api(owner)("POST", f"/questions/{question.id}/stage", body)
    assert response.status_code == status
    if body.get("stage") == "won":
        assert "won comes from signing a deal" in response.json["error"]["message"]
    db.session.refresh(question)
    assert question.stage_code == "sourced" and question.version == 1


def test_reopening_is_for_the_owner_or_an_admin(api, make_user, make_question):
    owner = make_user("bd")
    question = make_question(owner=owner, stage="lost")
    colleague = api(make_user("bd"))
    path = f"/questions/{question.id}/stage"
    assert colleague("POST", path, {"stage": "qualified"}).status_code == 403
    response = api(owner)("POST", path, {"stage": "qualified", "version": 1})
    assert response.status_code == 200
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.reopen"))
    api(owner)("POST", path, {"stage": "lost", "reason": "No budget"})
    assert api(make_user("admin"))("POST", path, {"stage": "matching"}).status_code == 200
    assert api(make_user("topteam"))("POST", path, {"stage": "proposal"}).status_code == 403


def test_claim(api, make_user, make_question):
    question = make_question(post_code="berlin-embassy")
    bd = make_user("bd")
    response = api(bd)("POST", f"/questions/{question.id}/claim")
    assert response.status_code == 200
    assert response.json["owner"] == bd.id and response.json["version"] == 2
    assert api(make_user("bd"))("POST", f"/questions/{question.id}/claim").status_code == 409
    us = make_user("bd", country_code="US", lab_code="lab-us")
    assert api(us)("POST", f"/questions/{question.id}/claim").status_code == 403
    assert api(make_user("admin"))("POST", "/questions/0/claim").status_code == 404
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.claim"))


def test_openapi_documents_the_question_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/questions"])
    assert {"get", "patch"} <= set(paths["/api/v1/questions/{question_id}"])
    assert "post" in paths["/api/v1/questions/{question_id}/stage"]
    assert "post" in paths["/api/v1/questions/{question_id}/claim"]
