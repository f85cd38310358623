"""Error pages: JSON under /api/, the layout's error pages elsewhere. Never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from crm.api.core import error_response
from crm.extensions import db

log = logging.getLogger(__name__)


def _is_api() -> bool:
    return request.path.startswith("/api/")


def _message(exc: HTTPException) -> str:
    return exc.description or exc.name


def handle_http_error(exc: HTTPException):
    code = exc.code or 500
    if _is_api():
        response = error_response(code, _message(exc))
        if code == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response[0].headers["Allow"] = ", ".join(exc.valid_methods)
        return response
    template = f"errors/{code}.html" if code in {403, 404, 500} else "errors/generic.html"
    # Werkzeug's stock descriptions are English: show ours instead, but keep a view's own.
    own_message = exc.description if exc.description != type(exc).description else None
    if code == 429:  # Flask-Limiter describes the limit ("10 per 1 minute"): explain instead
        own_message = None
    return render_template(template, code=code, title=exc.name, message=own_message), code


def handle_csrf_error(exc: CSRFError):
    db.session.rollback()
    if _is_api() and not current_user.is_authenticated:
        # No token and no signed-in session: nothing to forge, the request is anonymous.
        return error_response(401, "Authentication required: send a valid Bearer token.")
    if _is_api():
        return error_response(400, "Missing or invalid CSRF token.", code="csrf_failed")
    return render_template(
        "errors/generic.html",
        code=400,
        title=_("Form expired"),
        message=_("The form expired or was sent from elsewhere. Reload the page and try again."),
    ), 400


def handle_unexpected(exc: Exception):
    log.exception("Unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return handle_http_error(InternalServerError())


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
