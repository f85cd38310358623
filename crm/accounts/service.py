"""Use-cases for administering users: invitations, role and scope, disabling.

Services flush and write audit entries; the caller commits.
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from crm.accounts.links import digest, expiry, new_link_token
from crm.accounts.models import Invitation
from crm.audit.service import changes, record
from crm.auth.models import User
from crm.auth.service import (
    Scope,
    UserError,
    create_user,
    end_sessions,
    find_user_by_email,
    resolve_scope,
    user_summary,
)
from crm.core.clock import utcnow
from crm.extensions import db
from crm.notifications.mail import absolute_url, queue_mail


def _invitation_summary(inv: Invitation) -> dict:
    return {
        "email": inv.email,
        "role": inv.role,
        "country": inv.country_code,
        "lab": inv.lab_code,
        "post": inv.post_code,
        "firm_id": inv.firm_id,
        "expires_at": inv.expires_at,
    }


def invitation_link(token: str) -> str:
    """The absolute link for the mail (BASE_URL when set, see `absolute_url`)."""
    return absolute_url(url_for("accounts.accept_invite", token=token))


def _mail_invitation(inv: Invitation, token: str) -> bool:
    body = _(
        "You are invited to the Creative Lab CRM. Open this link to choose your name and "
        "password; it works once and until %(expires)s (UTC):\n\n%(link)s",
        expires=inv.expires_at.strftime("%Y-%m-%d %H:%M"),
        link=invitation_link(token),
    )
    return queue_mail(inv.email, _("Your invitation to the Creative Lab CRM"), body)


def invite_user(email: str, role: str, scope: Scope, name: str = "") -> tuple[Invitation, str]:
    """Invite someone with a role and scope; returns the invitation and its link token.

    The token is shown once to the admin and mailed when SMTP is configured.
    """
    email = email.strip().lower()
    if find_user_by_email(email) is not None:
        raise UserError({"email": _("a user with this email exists")})
    scope = resolve_scope(role, scope)
    token, token_hash = new_link_token()
    inv = Invitation(
        email=email,
        name=name.strip(),
        role=role,
        country_code=scope.country,
        lab_code=scope.lab,
        post_code=scope.post,
        firm_id=scope.firm_id,
        token_hash=token_hash,
        created_by_id=_actor_id(),
        expires_at=expiry(current_app.config["INVITE_VALID_HOURS"]),
    )
    db.session.add(inv)
    db.session.flush()
    record("invitation.create", inv, after=_invitation_summary(inv))
    _mail_invitation(inv, token)
    return inv, token


def renew_invitation(inv: Invitation) -> str:
    """A new link (the old one stops working) with a fresh expiry; returns the token."""
    if inv.accepted_at is not None:
        raise UserError({"invitation": _("this invitation was already accepted")})
    token, inv.token_hash = new_link_token()
    inv.expires_at = expiry(current_app.config["INVITE_VALID_HOURS"])
    inv.revoked_at = None
    db.session.flush()
    record("invitation.renew", inv, after={"expires_at": inv.expires_at})
    _mail_invitation(inv, token)
    return token


def revoke_invitation(inv: Invitation) -> None:
    """Withdraw an invitation: its link stops working."""
    if inv.accepted_at is None and inv.revoked_at is None:
        inv.revoked_at = utcnow()
        record("invitation.revoke", inv, before={"email": inv.email})


def pending_invitation(token: str) -> Invitation | None:
    """The unexpired, unused, unrevoked invitation for this link token, or None."""
    inv = db.session.scalar(select(Invitation).where(Invitation.token_hash == digest(token)))
    if inv is None or not inv.is_pending(utcnow()):
        return None
    return inv


def accept_invitation(inv: Invitation, name: str, password: str) -> User:
    """Create the invited user with the chosen name and password; the link is used up."""
    scope = Scope(
        country=inv.country_code, lab=inv.lab_code, post=inv.post_code, firm_id=inv.firm_id
    )
    user = create_user(inv.email, password, inv.role, scope, name=name.strip())
    inv.accepted_at = utcnow()
    inv.user_id = user.id
    record("invitation.accept", inv, user_id=user.id, after={"user_id": user.id})
    return user


def recent_invitations(limit: int = 50) -> list[Invitation]:
    """Invitations not yet accepted nor revoked (expired ones included, to renew), newest first."""
    stmt = (
        select(Invitation)
        .where(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def update_user(user: User, role: str, scope: Scope, name: str | None = None) -> bool:
    """Change a user's role and scope (checked like at creation); True when anything changed."""
    resolved = resolve_scope(role, scope)
    before = user_summary(user) | {"name": user.name}
    user.role = role
    user.country_code, user.lab_code = resolved.country, resolved.lab
    user.post_code, user.firm_id = resolved.post, resolved.firm_id
    if name is not None:
        user.name = name.strip()
    old, new = changes(before, user_summary(user) | {"name": user.name})
    if not new:
        return False
    record("user.update", user, before=old, after=new)
    return True


def set_active(user: User, active: bool) -> None:
    """Disable (ending every session) or re-enable a user."""
    if user.active == active:
        return
    user.active = active
    if not active:
        end_sessions(user)
    record("user.enable" if active else "user.disable", user, after={"active": active})


def _actor_id() -> int | None:
    from flask_login import current_user

    return current_user.id if current_user and current_user.is_authenticated else None
