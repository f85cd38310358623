"""Password reset through single-use, expiring links.

With SMTP configured, "forgot password" mails a link. Without it, the request is listed for
admins on /admin/users, who create a link and pass it on. Either way the person asking gets
the same answer, whatever the email.
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select, update

from crm.accounts.links import digest, expiry, new_link_token
from crm.accounts.models import PasswordReset
from crm.audit.service import record
from crm.auth.models import User
from crm.auth.service import change_password, find_user_by_email
from crm.core.clock import utcnow
from crm.extensions import db
from crm.notifications.mail import absolute_url, mail_enabled, queue_mail

DEFAULT_VALID_HOURS = 24


def _valid_hours() -> int:
    return int(current_app.config.get("RESET_VALID_HOURS", DEFAULT_VALID_HOURS))


def reset_link(token: str) -> str:
    """The absolute link for the mail (BASE_URL when set, see `absolute_url`)."""
    return absolute_url(url_for("accounts.reset_password", token=token))


def _close_open_resets(user: User) -> None:
    """Any earlier link or request of this user stops counting."""
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _issue(user: User, created_by_id: int | None) -> str:
    _close_open_resets(user)
    token, token_hash = new_link_token()
    db.session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=token_hash,
            expires_at=expiry(_valid_hours()),
            created_by_id=created_by_id,
        )
    )
    db.session.flush()
    return token


def request_reset(email: str) -> None:
    """Someone asks for a reset: mail a link, or leave a request for the admins.

    Unknown or disabled accounts get nothing, silently; the caller answers the same way.
    """
    user = find_user_by_email(email)
    if user is None or not user.active:
        record("auth.reset_request_ignored", object_type="users", after={"email": email[:254]})
        return
    if mail_enabled():
        token = _issue(user, created_by_id=None)
        body = _(
            "Someone asked to reset your password for the Creative Lab CRM. If it was you, "
            "open this link within %(hours)s hours; it works once:\n\n%(link)s\n\n"
            "If it was not you, ignore this mail.",
            hours=_valid_hours(),
            link=reset_link(token),
        )
        queue_mail(user.email, _("Reset your Creative Lab CRM password"), body)
        record("auth.reset_mailed", user, user_id=user.id)
        return
    already = db.session.scalar(
        select(PasswordReset.id).where(
            PasswordReset.user_id == user.id,
            PasswordReset.token_hash.is_(None),
            PasswordReset.used_at.is_(None),
        )
    )
    if already is None:
        db.session.add(PasswordReset(user_id=user.id))
        db.session.flush()
    record("auth.reset_request", user, user_id=user.id)


def issue_reset_link(user: User, admin: User) -> str:
    """An admin creates a reset link for `user` to pass on; returns the token (shown once)."""
    token = _issue(user, created_by_id=admin.id)
    record("auth.reset_link_issued", user, after={"by": admin.id})
    return token


def open_requests(limit: int = 50) -> list[PasswordReset]:
    """Reset requests waiting for an admin (no SMTP), oldest first, with their users."""
    from sqlalchemy.orm import joinedload

    stmt = (
        select(PasswordReset)
        .options(joinedload(PasswordReset.user))
        .where(PasswordReset.token_hash.is_(None), PasswordReset.used_at.is_(None))
        .order_by(PasswordReset.requested_at, PasswordReset.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def valid_reset(token: str) -> PasswordReset | None:
    """The unused, unexpired reset for this link token, or None."""
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == digest(token))
    )
    if reset is None or reset.used_at is not None or reset.expires_at is None:
        return None
    if reset.expires_at <= utcnow() or not reset.user.active:
        return None
    return reset


def reset_password(reset: PasswordReset, new_password: str) -> User:
    """Set the new password (ending every session); the link is used up."""
    user = reset.user
    change_password(user, new_password)
    reset.used_at = utcnow()
    _close_open_resets(user)
    record("auth.password_reset", user, user_id=user.id)
    return user
