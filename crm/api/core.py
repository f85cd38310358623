"""Blueprint, error format and helpers shared by every API endpoint."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Blueprint, current_app, jsonify, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from pydantic import BaseModel, ValidationError
from sqlalchemy import Select, func, select

from crm.core.guards import whole_number
from crm.extensions import db, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
DEFAULT_API_RATE_LIMIT = "600 per minute"


def _api_rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT", DEFAULT_API_RATE_LIMIT)


def _api_client_key() -> str:
    """Rate-limit per Bearer token when one is sent, else per address."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:16]
    return get_remote_address()


# Every API endpoint; a breach answers 429 in the error format (crm.core.errors).
# RATE_LIMITS=off lifts it, like every other limit.
limiter.limit(_api_rate_limit, key_func=_api_client_key)(bp)

ModelT = TypeVar("ModelT", bound=BaseModel)

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "server_error",
}


class ApiError(Exception):
    """Raise anywhere in an API view to answer with the error format of api.md."""

    def __init__(
        self,
        status: int,
        message: str,
        fields: dict[str, list[str]] | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields
        self.code = code or ERROR_CODES.get(status, "error")


def error_response(status: int, message: str, fields: dict | None = None, code: str | None = None):
    body: dict[str, Any] = {"code": code or ERROR_CODES.get(status, "error"), "message": message}
    if fields:
        body["fields"] = fields
    return jsonify({"error": body}), status


@bp.errorhandler(ApiError)
def _api_error(err: ApiError):
    return error_response(err.status, err.message, err.fields, err.code)


def answer_errors(exc_type: type[Exception], to_api_error: Callable[[Any], ApiError]) -> None:
    """Answer a feature's domain exception in the error format wherever an API view raises it.

    Features register their use-case errors once (`answer_errors(FeeConflict, ...)`) instead
    of wrapping every service call in try/except.
    """
    bp.register_error_handler(exc_type, lambda exc: _api_error(to_api_error(exc)))


@bp.before_request
def _refuse_nul_in_the_query():
    """PostgreSQL text cannot hold NUL: refuse it in the query string, as in bodies (422).

    Anonymous requests pass on to the view, whose `login_required` answers 401 first.
    """
    if not current_user.is_authenticated:
        return
    names = sorted({k for k, v in request.args.items(multi=True) if "\x00" in k + v})
    if names:
        message = "must not contain NUL characters"
        fields = {name.replace("\x00", "\\0"): [message] for name in names}
        raise ApiError(422, "Invalid query parameters.", fields)


def require(allowed: bool, status: int = 403, message: str = "Not allowed.") -> None:
    """Refuse with `status` unless `allowed`; the API's twin of `abort(403)`."""
    if not allowed:
        raise ApiError(status, message)


class JsonNumberText:
    """A JSON number with a fraction or exponent, kept as its text.

    It is not a `str`, so string fields refuse it, and the decimal-string type can say
    "send money as a string" for the field it arrived in.
    """

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _refuse_constant(text: str):
    raise ValueError(f"{text} is not valid JSON")


def _nul_paths(data: Any) -> list[str]:
    """Where strings (values or keys) hold a NUL character, which PostgreSQL cannot store."""
    found, stack = [], [("", data)]
    while stack:  # iterative: the body may nest as deep as the JSON parser allowed
        path, value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            found.append(path or "body")
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else key
                if "\x00" in key:
                    found.append(name.replace("\x00", "\\0"))
                stack.append((name, item))
    return sorted(found)


def raw_json() -> Any:
    """The request body parsed as JSON (floats kept as `JsonNumberText`), or 400.

    Text holding a NUL character is refused with 422 (PostgreSQL text cannot hold it).
    """
    try:
        data = json.loads(
            request.get_data(cache=True) or b"null",
            parse_float=JsonNumberText,
            parse_constant=_refuse_constant,
        )
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, f"Malformed JSON: {exc}") from None
    nul_paths = _nul_paths(data)
    if nul_paths:
        message = "must not contain NUL characters"
        raise ApiError(422, "Some fields are invalid.", {p: [message] for p in nul_paths})
    return data


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for err in exc.errors():
        path = ".".join(str(p) for p in err["loc"]) or "body"
        message = err["msg"].removeprefix("Value error, ")
        fields.setdefault(path, []).append(message)
    return fields


def json_object() -> dict:
    """The JSON body as a dict (not yet validated), or raise 400/415/422."""
    if not request.is_json:
        raise ApiError(415, "Send a JSON body with Content-Type: application/json.")
    data = raw_json()
    if not isinstance(data, dict):
        raise ApiError(422, "The body must be a JSON object.", {"body": ["must be an object"]})
    return data


def json_body(model: type[ModelT]) -> ModelT:
    """Parse and validate the JSON body with a pydantic model, or raise 400/415/422."""
    data = json_object()
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(422, "Some fields are invalid.", _field_errors(exc)) from None


# A query parameter: its description (a string), or (description, JSON schema of the value).
QueryDoc = str | tuple[str, dict]
MAX_PAGE = 1_000_000
# Added to every endpoint whose response is a page ({"items", "page", "per_page", "total"}).
PAGE_QUERY: dict[str, QueryDoc] = {
    "page": ("page number", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
    "per_page": (
        "rows per page",
        {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    ),
}


@dataclass
class Endpoint:
    rule: str
    methods: list[str]
    summary: str
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    multipart: bool = False
    tags: list[str] = field(default_factory=list)
    query: dict[str, QueryDoc] = field(default_factory=dict)


ENDPOINTS: list[Endpoint] = []


def api_route(
    rule: str,
    methods: list[str] | None = None,
    *,
    summary: str,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    multipart: bool = False,
    tag: str = "misc",
    query: dict[str, QueryDoc] | None = None,
) -> Callable:
    """`bp.route` that also records the endpoint for the OpenAPI document.

    `response` is the pydantic model of the success answer (lists: a page model with
    `items`, `page`, `per_page`, `total`, which documents `page` and `per_page` by itself);
    `query` documents the other query parameters.
    """
    methods = methods or ["GET"]

    def decorator(view: Callable) -> Callable:
        ENDPOINTS.append(
            Endpoint(rule, methods, summary, body, response, status, multipart, [tag], query or {})
        )
        return bp.route(rule, methods=methods)(view)

    return decorator


def page_args(max_per_page: int = 200) -> tuple[int, int]:
    """`page` and `per_page` from the query string, checked (422 when out of range)."""
    errors: dict[str, list[str]] = {}
    values = {}
    for name, default, upper in (("page", 1, MAX_PAGE), ("per_page", 50, max_per_page)):
        value = whole_number(request.args.get(name, str(default)), upper)
        if not value:
            errors[name] = [f"must be a whole number from 1 to {upper}"]
        else:
            values[name] = value
    if errors:
        raise ApiError(422, "Invalid pagination.", errors)
    return values["page"], values["per_page"]


def paginate_query(stmt: Select, serialize: Callable[[Any], dict]) -> dict:
    """Run `stmt` for the requested page; `total` is an exact count."""
    page, per_page = page_args()
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return {
        "items": [serialize(r) for r in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
    }
