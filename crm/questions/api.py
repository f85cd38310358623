"""The question endpoints of api.md: create, list, read, patch, move stage, claim."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from crm.api import ApiError, answer_errors, api_route, json_body, paginate_query, require
from crm.api.core import raw_json
from crm.core.guards import get_or_404
from crm.extensions import db
from crm.questions import permissions as can
from crm.questions import service, stages
from crm.questions.detail import load_question
from crm.questions.domain import MoveRefused
from crm.questions.errors import QuestionError
from crm.questions.fields import QuestionData, data_of
from crm.questions.models import Question
from crm.questions.queries import list_statement, parse_filters, reference_codes
from crm.questions.schemas import (
    QuestionIn,
    QuestionList,
    QuestionOut,
    QuestionPatch,
    StageIn,
    question_json,
    summary_json,
)

LIST_QUERY = {
    "q": "full text over title, description, organisation and activity notes",
    "country": "country code",
    "stage": 'stage code, or "open"',
    "theme": "theme code",
    "post": "post code",
    "owner": (
        'a user id, or "none" for unclaimed questions',
        {"type": "string", "pattern": r"^([0-9]{1,9}|none)?$"},
    ),
    "sort": (
        "the order (relevance only with q)",
        {"type": "string", "enum": ["", "updated", "value", "decision", "stage", "relevance"]},
    ),
    "dir": ("the direction", {"type": "string", "enum": ["", "asc", "desc"]}),
}
# What `null` means for fields that are never null.
NULL_MEANS = {
    "themes": [],
    "disciplines": [],
    "organisation": "",
    "contacts": [],
    "next_step": "",
}
NOT_PATCHABLE = {
    "stage": "cannot be patched: POST /api/v1/questions/<id>/stage",
    "owner": "cannot be patched: POST /api/v1/questions/<id>/claim",
}


def _refusal(err: QuestionError | MoveRefused) -> ApiError:
    """A refused use-case or stage move, in the error format (its status, its fields)."""
    message = _(err.message)
    fields = getattr(err, "fields", None) or (
        {err.field: [message]} if isinstance(err, MoveRefused) and err.status == 422 else None
    )
    return ApiError(err.status, message, fields)


answer_errors(QuestionError, _refusal)
answer_errors(MoveRefused, _refusal)


def _answer(question_id: int, status: int = 200):
    return jsonify(question_json(load_question(question_id))), status


@api_route(
    "/questions",
    ["POST"],
    summary="Create a question",
    body=QuestionIn,
    response=QuestionOut,
    status=201,
    tag="questions",
)
@login_required
def create_question():
    user = current_user
    require(can.can_create_question(user) or can.can_submit_question(user))
    body = json_body(QuestionIn)
    if not can.can_submit_question(user):
        require(
            can.can_create_in_country(user, body.country),
            message="You can only create questions in your own country.",
        )
    question = service.create_question(QuestionData(**dict(body)), user)
    db.session.commit()
    return _answer(question.id, 201)


@api_route(
    "/questions",
    ["GET"],
    summary="List questions",
    response=QuestionList,
    tag="questions",
    query=LIST_QUERY,
)
@login_required
def list_questions():
    require(can.can_list_questions(current_user))
    filters = parse_filters(request.args, reference_codes())
    if filters.errors:
        raise ApiError(422, "Invalid query parameters.", filters.errors)
    stmt = list_statement(current_user, filters).options(
        selectinload(Question.themes), joinedload(Question.organisation)
    )
    return jsonify(paginate_query(stmt, summary_json))


@api_route(
    "/questions/<int:question_id>",
    ["GET"],
    summary="A question with its stage history",
    response=QuestionOut,
    tag="questions",
)
@login_required
def get_question(question_id: int):
    question = get_or_404(Question, question_id)
    require(can.can_view_question(current_user, question))
    return _answer(question.id)


def _patched(question: Question, body: QuestionPatch) -> QuestionData:
    data = data_of(question)
    sent = body.model_fields_set - {"version"}
    required = {"title", "description", "country"}
    nulls = sorted(name for name in sent & required if getattr(body, name) is None)
    if nulls:
        raise ApiError(422, "Some fields are invalid.", {n: ["cannot be null"] for n in nulls})
    for name in sent:
        value = getattr(body, name)
        setattr(data, name, NULL_MEANS.get(name) if value is None and name in NULL_MEANS else value)
    if "organisation_id" in sent and "organisation" not in sent:
        data.organisation = ""  # the id names it
    if "organisation" in sent and "organisation_id" not in sent:
        data.organisation_id = None  # the name names it (found or created)
    moved = "country" in sent and data.country != question.country_code
    if moved and not {"organisation", "organisation_id"} & sent:
        data.organisation_id = None  # the same name, found or created in the new country
    if "country" in sent and "currency" not in sent and data.country != question.country_code:
        data.currency = None  # follow the new country's currency
    return data


@api_route(
    "/questions/<int:question_id>",
    ["PATCH"],
    summary="Change fields of a question (send the version you read)",
    body=QuestionPatch,
    response=QuestionOut,
    tag="questions",
)
@login_required
def patch_question(question_id: int):
    question = get_or_404(Question, question_id)
    require(can.can_edit_question(current_user, question))
    raw = raw_json()
    if isinstance(raw, dict) and NOT_PATCHABLE.keys() & raw.keys():
        fields = {k: [v] for k, v in NOT_PATCHABLE.items() if k in raw}
        raise ApiError(422, "Stage and owner have their own actions.", fields)
    body = json_body(QuestionPatch)
    data = _patched(question, body)
    if "country" in body.model_fields_set:
        require(can.can_create_in_country(current_user, data.country))
    service.update_question(question, data, body.version, current_user)
    db.session.commit()
    return _answer(question.id)


@api_route(
    "/questions/<int:question_id>/stage",
    ["POST"],
    summary="Move a question to another stage",
    body=StageIn,
    response=QuestionOut,
    tag="questions",
)
@login_required
def move_question(question_id: int):
    question = get_or_404(Question, question_id)
    require(can.can_edit_question(current_user, question))
    body = json_body(StageIn)
    stages.move_stage(
        question,
        body.stage,
        current_user,
        note=body.note,
        reason=body.reason,
        read_version=body.version,
    )
    db.session.commit()
    return _answer(question.id)


@api_route(
    "/questions/<int:question_id>/claim",
    ["POST"],
    summary="Claim an unclaimed question (business developers of its country)",
    response=QuestionOut,
    tag="questions",
)
@login_required
def claim_question(question_id: int):
    question = get_or_404(Question, question_id)
    require(can.can_claim_question(current_user, question))
    service.claim(question, current_user)
    db.session.commit()
    return _answer(question.id)
