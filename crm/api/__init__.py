"""The JSON API under /api/v1: blueprint, errors, body parsing, pagination, OpenAPI registry.

Feature modules define their endpoints with `@api_route(...)` in `crm/<feature>/api.py`;
`create_app` imports them before registering the blueprint. `api_route` records each
endpoint's request and response schema, and the OpenAPI document is built from that record,
so the document cannot drift from the code (a test compares it with the URL map).
"""

from __future__ import annotations

from crm.api.core import (
    ApiError,
    answer_errors,
    api_route,
    bp,
    error_response,
    json_body,
    paginate_query,
    require,
)

__all__ = [
    "ApiError",
    "answer_errors",
    "api_route",
    "bp",
    "error_response",
    "json_body",
    "paginate_query",
    "require",
]
