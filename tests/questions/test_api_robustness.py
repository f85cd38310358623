"""Regressions found by the schema fuzzer (scripts/fuzz_api.sh): no 500s, answers as documented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm.auth.service import create_token
from crm.extensions import db
from crm.questions.models import Question
from crm.questions.schemas import QuestionPatch

SUPERSCRIPT_TWO = "%C2%B2"  # "²".isdigit() is True, but int("²") raises
HUGE = "9" * 5000  # int() refuses more than 4,300 digits


@pytest.fixture
def headers(make_user):
    def _for(user):
        token = create_token(user)
        db.session.commit()
        return {"Authorization": f"Bearer {token}"}

    return _for


@pytest.mark.parametrize(
    "query", [f"owner={SUPERSCRIPT_TWO}", f"page={SUPERSCRIPT_TWO}", f"owner={HUGE}"]
)
def test_odd_numbers_in_the_list_query_are_422(client, make_user, headers, query):
    response = client.get(f"/api/v1/questions?{query}", headers=headers(make_user("bd")))
    assert response.status_code == 422 and response.mimetype == "application/json"


@pytest.mark.parametrize(
    "query",
    [f"owner={SUPERSCRIPT_TWO}", f"page={SUPERSCRIPT_TWO}", f"per_page={SUPERSCRIPT_TWO}"],
)
def test_odd_numbers_on_the_list_page_are_harmless(client, login, make_user, query):
    login(make_user("bd"))
    assert client.get(f"/questions?{query}").status_code == 200


def test_answers_write_moments_with_an_offset(client, make_user, make_question, headers):
    bd = make_user("bd")
    question = make_question(owner=bd)
    body = client.get(f"/api/v1/questions/{question.id}", headers=headers(bd)).json
    moments = [body["created_at"], body["updated_at"], body["stage_history"][0]["at"]]
    assert all(datetime.fromisoformat(m).tzinfo == UTC for m in moments), moments
    listed = client.get("/api/v1/questions", headers=headers(bd)).json["items"][0]
    assert listed["created_at"].endswith("+00:00")


@pytest.mark.parametrize("field", ["title", "description", "country"])
def test_required_fields_are_not_nullable_in_the_patch_schema(field):
    schema = QuestionPatch.model_json_schema()["properties"][field]
    assert "anyOf" not in schema and schema["type"] == "string"


def test_null_for_a_required_field_is_still_a_named_422(client, make_user, make_question, headers):
    bd = make_user("bd")
    question = make_question(owner=bd)
    response = client.patch(
        f"/api/v1/questions/{question.id}", json={"version": 1, "title": None}, headers=headers(bd)
    )
    assert response.status_code == 422 and response.json["error"]["fields"] == {
        "title": ["cannot be null"]
    }


@pytest.mark.parametrize("value", ["100.00\n", "\u0661\u0662\u0663", "1" * 16])
def test_money_with_a_newline_foreign_digits_or_too_many_digits_is_422(
    client, make_user, headers, value
):
    body = {"title": "T", "description": "D", "country": "DE", "estimated_value": value}
    response = client.post("/api/v1/questions", json=body, headers=headers(make_user("bd")))
    assert response.status_code == 422
    assert "estimated_value" in response.json["error"]["fields"]


def test_an_odd_version_on_the_edit_form_is_a_conflict_not_a_500(
    client, login, make_user, make_question
):
    bd = make_user("bd")
    question = make_question(owner=bd)
    login(bd)
    form = {"title": "New", "description": "D", "country": "DE", "version": "\u00b2"}
    response = client.post(f"/questions/{question.id}/edit", data=form)
    assert response.status_code == 409
    assert db.session.get(Question, question.id).title != "New"


def test_an_odd_draft_id_on_import_start_is_harmless(client, login, make_user):
    login(make_user("bd"))
    response = client.post("/questions/import/start", data={"draft": "\u00b2"})
    assert response.status_code == 303
