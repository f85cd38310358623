"""How a request becomes a user: the session cookie (with its session token) or a Bearer token."""

from __future__ import annotations

import logging

from flask import g, jsonify, redirect, request, url_for
from sqlalchemy.exc import OperationalError

from crm.auth.models import User
from crm.auth.service import token_record, touch_token
from crm.extensions import db, login_manager


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


@login_manager.user_loader
def load_user(identity: str) -> User | None:
    """Session cookie: "<id>:<session token>"; a rotated token ends old sessions."""
    user_id, _sep, token = identity.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def authenticate_bearer() -> None:
    """Before each request: a Bearer token, when present, decides who is asking.

    The user is put where Flask-Login looks (g._login_user), so the session is not touched
    and no cookie is set for token requests.
    """
    token = bearer_token()
    if token is None:
        return
    g.bearer_authenticated = True
    api_token = token_record(token)
    if api_token is not None and touch_token(api_token):
        try:  # "last used" is best effort: a busy database must not refuse the request
            db.session.commit()
        except OperationalError:
            logging.getLogger(__name__).warning("Could not record the use of a token")
            db.session.rollback()
    g._login_user = api_token.user if api_token else login_manager.anonymous_user()


@login_manager.unauthorized_handler
def unauthorized():
    if is_api_request():
        body = {
            "error": {
                "code": "unauthorized",
                "message": "Authentication required: send a valid Bearer token.",
            }
        }
        return jsonify(body), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


login_manager.login_message = None
login_manager.session_protection = None
