"""The caller's own API tokens: list, create (shown once), revoke."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user, login_required
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from crm.accounts.permissions import can_manage_token
from crm.api import api_route, json_body, paginate_query, require
from crm.api.types import Timestamp
from crm.auth import service as auth_service
from crm.auth.models import ApiToken
from crm.core.guards import get_or_404
from crm.extensions import db


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=80)


class TokenOut(BaseModel):
    id: int
    name: str
    prefix: str
    created_at: Timestamp | None
    last_used_at: Timestamp | None
    revoked_at: Timestamp | None


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself: shown in this answer only")


class TokenList(BaseModel):
    items: list[TokenOut]
    page: int
    per_page: int
    total: int


def _out(api_token: ApiToken) -> dict:
    return TokenOut.model_validate(api_token, from_attributes=True).model_dump(mode="json")


@api_route("/tokens", ["GET"], summary="Your API tokens", response=TokenList, tag="account")
@login_required
def list_tokens():
    stmt = (
        select(ApiToken)
        .where(ApiToken.user_id == current_user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return jsonify(paginate_query(stmt, _out))


@api_route(
    "/tokens",
    ["POST"],
    summary="Create an API token (the token is in this answer only)",
    body=TokenIn,
    response=TokenCreated,
    status=201,
    tag="account",
)
@login_required
def create_token():
    data = json_body(TokenIn)
    api_token, token = auth_service.issue_token(current_user, data.name.strip())
    db.session.commit()
    return jsonify({**_out(api_token), "token": token}), 201


@api_route(
    "/tokens/<int:token_id>",
    ["DELETE"],
    summary="Revoke one of your tokens",
    status=204,
    tag="account",
)
@login_required
def revoke_token(token_id: int):
    api_token = get_or_404(ApiToken, token_id)
    require(can_manage_token(current_user, api_token))
    if api_token.revoked_at is None:
        auth_service.revoke_token(api_token)
        db.session.commit()
    return "", 204
