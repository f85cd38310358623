"""The fee format, quote and exchange-rate endpoints of api.md, exactly."""

from __future__ import annotations

import re

from flask import jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select

from crm.api import ApiError, answer_errors, api_route, json_body, paginate_query, require
from crm.api.core import json_object
from crm.core.guards import get_or_404
from crm.extensions import db
from crm.fees import rates, service
from crm.fees.errors import FeeConflict
from crm.fees.models import STATUSES, ExchangeRate, FeeFormat
from crm.fees.money import ValidationError
from crm.fees.permissions import (
    can_manage_exchange_rates,
    can_manage_fee_formats,
    can_view_exchange_rates,
    can_view_fee_formats,
)
from crm.fees.schemas import (
    ExchangeRateIn,
    ExchangeRateList,
    ExchangeRateOut,
    FeeFormatDocument,
    FeeFormatList,
    FeeFormatOut,
    FeeFormatRevision,
    QuoteIn,
    QuoteOut,
)

TAG = "fees"
_CURRENCY_RE = re.compile(r"[A-Z]{3}", re.ASCII)


def _invalid(exc: ValidationError) -> ApiError:
    return ApiError(422, "Some fields are invalid.", exc.fields)


def _conflict(exc: FeeConflict) -> ApiError:
    return ApiError(409, exc.message, exc.fields)


answer_errors(ValidationError, _invalid)
answer_errors(FeeConflict, _conflict)


@api_route(
    "/fee-formats",
    ["GET"],
    summary="Fee format versions, oldest first",
    response=FeeFormatList,
    tag=TAG,
    query={
        "status": ("published or retired", {"type": "string", "enum": ["", *STATUSES]}),
        "format_key": "the versions of one format",
    },
)
@login_required
def list_fee_formats():
    require(can_view_fee_formats(current_user))
    stmt = select(FeeFormat).order_by(FeeFormat.id)
    status = request.args.get("status")
    if status:
        if status not in STATUSES:
            raise ApiError(422, "Invalid filter.", {"status": ["must be published or retired"]})
        stmt = stmt.where(FeeFormat.status == status)
    if request.args.get("format_key"):
        stmt = stmt.where(FeeFormat.format_key == request.args["format_key"])
    return jsonify(paginate_query(stmt, service.format_to_json))


@api_route(
    "/fee-formats",
    ["POST"],
    summary="Publish version 1 of a new fee format",
    body=FeeFormatDocument,
    response=FeeFormatOut,
    status=201,
    tag=TAG,
)
@login_required
def create_fee_format():
    require(can_manage_fee_formats(current_user))
    fmt = service.create_format(json_object(), current_user)
    db.session.commit()
    return jsonify(service.format_to_json(fmt)), 201


@api_route(
    "/fee-formats/<int:format_id>",
    ["GET"],
    summary="One fee format version",
    response=FeeFormatOut,
    tag=TAG,
)
@login_required
def get_fee_format(format_id: int):
    require(can_view_fee_formats(current_user))
    return jsonify(service.format_to_json(get_or_404(FeeFormat, format_id)))


@api_route(
    "/fee-formats/<int:format_id>",
    ["PUT"],
    summary="Publish the next version (the latest version only; 409 otherwise)",
    body=FeeFormatRevision,
    response=FeeFormatOut,
    status=201,
    tag=TAG,
)
@login_required
def revise_fee_format(format_id: int):
    require(can_manage_fee_formats(current_user))
    fmt = get_or_404(FeeFormat, format_id)
    document = service.document_only(json_object())
    new = service.revise_format(fmt, document, current_user)
    db.session.commit()
    return jsonify(service.format_to_json(new)), 201


@api_route(
    "/fee-formats/<int:format_id>/retire",
    ["POST"],
    summary="Retire a version: no new deals may use it (twice: 409)",
    response=FeeFormatOut,
    tag=TAG,
)
@login_required
def retire_fee_format(format_id: int):
    require(can_manage_fee_formats(current_user))
    fmt = get_or_404(FeeFormat, format_id)
    service.retire_format(fmt, current_user)
    db.session.commit()
    return jsonify(service.format_to_json(fmt))


@api_route(
    "/fee-formats/<int:format_id>/quote",
    ["POST"],
    summary="The fee for an amount in EUR, line by line (fee-formats.md)",
    body=QuoteIn,
    response=QuoteOut,
    tag=TAG,
)
@login_required
def quote_fee_format(format_id: int):
    require(can_view_fee_formats(current_user))
    fmt = get_or_404(FeeFormat, format_id)
    body = json_body(QuoteIn)
    return jsonify(service.quote_for(fmt, body.amount))


@api_route(
    "/exchange-rates",
    ["GET"],
    summary="Exchange rates (units per 1 EUR), newest first",
    response=ExchangeRateList,
    tag=TAG,
    query={"currency": ("a currency code", {"type": "string", "pattern": "^([A-Z]{3})?$"})},
)
@login_required
def list_exchange_rates():
    require(can_view_exchange_rates(current_user))
    stmt = select(ExchangeRate).order_by(ExchangeRate.day.desc(), ExchangeRate.currency)
    currency = request.args.get("currency")
    if currency:
        if not _CURRENCY_RE.fullmatch(currency):
            raise ApiError(422, "Invalid filter.", {"currency": ["must be a code such as USD"]})
        stmt = stmt.where(ExchangeRate.currency == currency)
    return jsonify(paginate_query(stmt, rates.rate_to_json))


@api_route(
    "/exchange-rates",
    ["POST"],
    summary="Record a rate (admins); that currency and date already recorded: 409",
    body=ExchangeRateIn,
    response=ExchangeRateOut,
    status=201,
    tag=TAG,
)
@login_required
def create_exchange_rate():
    require(can_manage_exchange_rates(current_user))
    body = json_body(ExchangeRateIn)
    values = rates.parse_rate_input(body.currency, body.date, body.rate)
    row = rates.add_rate(*values, current_user)
    db.session.commit()
    return jsonify(rates.rate_to_json(row)), 201


@api_route(
    "/exchange-rates/<int:rate_id>",
    ["GET"],
    summary="One exchange rate",
    response=ExchangeRateOut,
    tag=TAG,
)
@login_required
def get_exchange_rate(rate_id: int):
    require(can_view_exchange_rates(current_user))
    return jsonify(rates.rate_to_json(get_or_404(ExchangeRate, rate_id)))


@api_route(
    "/exchange-rates/<int:rate_id>",
    ["PUT"],
    summary="Change a recorded rate (admins)",
    body=ExchangeRateIn,
    response=ExchangeRateOut,
    tag=TAG,
)
@login_required
def update_exchange_rate(rate_id: int):
    require(can_manage_exchange_rates(current_user))
    row = get_or_404(ExchangeRate, rate_id)
    body = json_body(ExchangeRateIn)
    values = rates.parse_rate_input(body.currency, body.date, body.rate)
    rates.update_rate(row, *values)
    db.session.commit()
    return jsonify(rates.rate_to_json(row))
