"""API endpoints that belong to no feature: who am I, and the OpenAPI document."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user, login_required
from pydantic import BaseModel, ConfigDict

from crm.api.core import api_route
from crm.api.openapi import build_document


class MeOut(BaseModel):
    id: int
    email: str
    role: str
    country: str | None
    lab: str | None
    post: str | None
    firm_id: int | None


@api_route("/me", summary="The signed-in user", response=MeOut, tag="account")
@login_required
def me():
    user = current_user
    return jsonify(
        MeOut(
            id=user.id,
            email=user.email,
            role=user.role,
            country=user.country_code,
            lab=user.lab_code,
            post=user.post_code,
            firm_id=user.firm_id,
        ).model_dump()
    )


class OpenApiDocument(BaseModel):
    """An OpenAPI 3.1 document (only its top level is described here)."""

    model_config = ConfigDict(extra="allow")

    openapi: str
    info: dict
    paths: dict
    components: dict


@api_route("/openapi.json", summary="This document", response=OpenApiDocument, tag="meta")
def openapi_document():
    return jsonify(build_document())
