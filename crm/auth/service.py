"""Use-cases for users, sessions and API tokens. Services flush; the caller commits."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from crm.audit.service import record
from crm.auth.models import ApiToken, User, new_session_token
from crm.auth.passwords import MIN_LENGTH, hash_password, password_problem, verify_password
from crm.auth.roles import ROLES, Role
from crm.core.clock import utcnow
from crm.extensions import db
from crm.reference.models import Lab, Post

# Compared against when the email is unknown, so a failed login costs the same time.
_DUMMY_HASH = hash_password("not-a-real-password-xyz")


class UserError(ValueError):
    """A user could not be created or changed; `fields` says why, per field."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


@dataclass
class Scope:
    """What part of the programme a user works in; which fields count depends on the role
    (see `resolve_scope`)."""

    country: str | None = None
    lab: str | None = None
    post: str | None = None
    firm_id: int | None = None


def _bd_scope(scope: Scope, errors: dict[str, str]) -> Scope:
    labs = db.session.scalars(select(Lab.code).where(Lab.country_code == scope.country)).all()
    if not scope.country or not labs:
        errors["country"] = _("a business developer needs a focus country")
    elif scope.lab is None and len(labs) > 1:
        errors["lab"] = _("this country has several Labs: choose one")
    elif scope.lab is not None and scope.lab not in labs:
        errors["lab"] = _("this Lab is not in the chosen country")
    return Scope(country=scope.country, lab=scope.lab or (labs[0] if labs else None))


def _post_scope(scope: Scope, errors: dict[str, str]) -> Scope:
    post = db.session.get(Post, scope.post) if scope.post else None
    if post is None:
        errors["post"] = _("a post user needs a known post")
        return Scope()
    return Scope(country=post.country_code, post=post.code)


def _firm_scope(scope: Scope, errors: dict[str, str]) -> Scope:
    from crm.firms.models import Firm  # the firms feature builds on auth, not the reverse

    if scope.firm_id is None:
        errors["firm"] = _("a firm user needs a firm")
    elif db.session.get(Firm, scope.firm_id) is None:
        errors["firm"] = _("there is no firm with this id")
    return Scope(firm_id=scope.firm_id)


_SCOPED_ROLES = {Role.BD: _bd_scope, Role.POST: _post_scope, Role.FIRM: _firm_scope}


def resolve_scope(role: str, scope: Scope) -> Scope:
    """Check and complete a role's scope (a bd's Lab defaults to its country's only Lab)."""
    if role not in ROLES:
        raise UserError({"role": _("must be one of %(roles)s", roles=", ".join(ROLES))})
    errors: dict[str, str] = {}
    resolver = _SCOPED_ROLES.get(Role(role))
    resolved = resolver(scope, errors) if resolver else Scope()
    if errors:
        raise UserError(errors)
    return resolved


def find_user_by_email(email: str) -> User | None:
    """Emails are unique whatever their case; surrounding spaces are ignored."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(
    email: str,
    password: str,
    role: str,
    scope: Scope,
    name: str = "",
    password_hash: str | None = None,
) -> User:
    """Create a user with a role and scope. `password_hash` lets the demo reuse one hash."""
    email = email.strip().lower()
    if password_hash is None and password_problem(password):
        raise UserError({"password": _("must be at least %(n)s characters", n=MIN_LENGTH)})
    if find_user_by_email(email) is not None:
        raise UserError({"email": _("a user with this email exists")})
    scope = resolve_scope(role, scope)
    user = User(
        email=email,
        name=name,
        role=role,
        country_code=scope.country,
        lab_code=scope.lab,
        post_code=scope.post,
        firm_id=scope.firm_id,
        password_hash=password_hash or hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    record("user.create", user, after=user_summary(user))
    return user


def user_summary(user: User) -> dict:
    """The fields audit entries keep of a user (never the password hash or tokens)."""
    return {
        "email": user.email,
        "role": user.role,
        "country": user.country_code,
        "lab": user.lab_code,
        "post": user.post_code,
        "firm_id": user.firm_id,
        "active": user.active,
    }


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Logs both outcomes."""
    user = find_user_by_email(email)
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not ok or not user.active:
        record(
            "auth.login_failed",
            object_type="users",
            object_id=user.id if user else None,
            after={"email": email[:254]},
        )
        return None
    user.last_login_at = utcnow()
    record("auth.login", user, user_id=user.id)
    return user


def end_sessions(user: User) -> None:
    """Invalidate every session cookie of this user (logout, password change)."""
    user.session_token = new_session_token()


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end every session, so a stolen cookie stops working."""
    if password_problem(new_password):
        raise UserError({"password": _("must be at least %(n)s characters", n=MIN_LENGTH)})
    user.password_hash = hash_password(new_password)
    end_sessions(user)
    record("user.password_change", user)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create an API token: its record and the token in clear (shown once, stored hashed)."""
    token = "crm_" + secrets.token_urlsafe(32)
    api_token = ApiToken(user=user, name=name, token_hash=_token_digest(token), prefix=token[4:10])
    db.session.add(api_token)
    db.session.flush()
    record("token.create", user, after={"name": name, "prefix": token[4:10]})
    return api_token, token


def create_token(user: User, name: str = "") -> str:
    """Create an API token and return it in clear: it is shown once, stored hashed."""
    return issue_token(user, name)[1]


def token_record(token: str) -> ApiToken | None:
    """The unrevoked token record of an active user for this token, or None."""
    api_token = db.session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == _token_digest(token), ApiToken.revoked_at.is_(None)
        )
    )
    if api_token is None or not api_token.user.active:
        return None
    return api_token


def user_for_token(token: str) -> User | None:
    """The active user owning this unrevoked token, or None."""
    api_token = token_record(token)
    return api_token.user if api_token else None


def touch_token(api_token: ApiToken, every_seconds: int = 60) -> bool:
    """Note the token's last use (at most once a minute); True when it changed."""
    now = utcnow()
    last = api_token.last_used_at
    if last is not None and (now - last).total_seconds() < every_seconds:
        return False
    api_token.last_used_at = now
    return True


def revoke_token(api_token: ApiToken) -> None:
    """Stop a token from working; the record stays for the audit trail."""
    api_token.revoked_at = utcnow()
    record("token.revoke", api_token.user, after={"prefix": api_token.prefix})
