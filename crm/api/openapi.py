"""Build the OpenAPI 3.1 document from the endpoints recorded by `api_route`."""

from __future__ import annotations

import re

from pydantic import BaseModel

from crm.api.core import ENDPOINTS, PAGE_QUERY, Endpoint

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}


def openapi_path(rule: str) -> tuple[str, list[dict]]:
    """ "/questions/<int:id>" -> ("/api/v1/questions/{id}", [path parameter])."""
    params = []
    for converter, name in _CONVERTER.findall(rule):
        schema = {"type": "integer"} if converter == "int" else {"type": "string"}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return "/api/v1" + _CONVERTER.sub(r"{\2}", rule), params


def _schema_ref(model: type[BaseModel], components: dict, mode: str) -> dict:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}", mode=mode)
    for name, sub in schema.pop("$defs", {}).items():
        components[name] = sub
    components[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _is_page(model: type[BaseModel] | None) -> bool:
    return model is not None and {"items", "page", "per_page", "total"} <= model.model_fields.keys()


def query_parameters(endpoint: Endpoint) -> list[dict]:
    """The query parameters of an endpoint, `page` and `per_page` typed for page answers."""
    docs = {**endpoint.query, **(PAGE_QUERY if _is_page(endpoint.response) else {})}
    params = []
    for name, doc in docs.items():
        description, schema = (doc, {"type": "string"}) if isinstance(doc, str) else doc
        params.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": schema,
                "description": description,
            }
        )
    return params


def _operation(endpoint: Endpoint, method: str, params: list, components: dict) -> dict:
    response: dict = {"description": "Success"}
    if endpoint.response is not None:
        response["content"] = {
            "application/json": {
                "schema": _schema_ref(endpoint.response, components, "serialization")
            }
        }
    op: dict = {
        "summary": endpoint.summary,
        "tags": endpoint.tags,
        "parameters": params + query_parameters(endpoint),
        "responses": {
            str(endpoint.status): response,
            "401": _error("No or bad token"),
            "403": _error("Not allowed"),
            "404": _error("Not found"),
            "409": _error("Version conflict, or a state that forbids the action"),
            "422": _error("Invalid input"),
            "429": _error("Rate limited"),
        },
    }
    if method != "get":
        op["responses"]["400"] = _error("Missing CSRF token (requests signed in by cookie)")
    if endpoint.body is not None and method in {"post", "put", "patch"}:
        op["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": _schema_ref(endpoint.body, components, "validation")}
            },
        }
        op["responses"]["400"] = _error("Malformed JSON, or a missing CSRF token")
        op["responses"]["413"] = _error("Body too large")
        op["responses"]["415"] = _error("The body is not sent as application/json")
    if endpoint.multipart:
        op["requestBody"] = {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        }
        op["responses"]["413"] = _error("File too large")
    return op


def build_document(version: str = "1.0.0") -> dict:
    """The whole OpenAPI document."""
    components: dict = {"Error": ERROR_SCHEMA}
    paths: dict = {}
    for endpoint in ENDPOINTS:
        path, params = openapi_path(endpoint.rule)
        for method in endpoint.methods:
            paths.setdefault(path, {})[method.lower()] = _operation(
                endpoint, method.lower(), params, components
            )
    return {
        "openapi": "3.1.0",
        "info": {"title": "Creative Lab deal-flow CRM API", "version": version},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
