"""A firm's members: invite colleagues (single-use expiring links), remove them, leave.

Invitation links are the accounts feature's (`crm.accounts.service.invite_user`): a firm
invitation is one with role `firm` and the firm's id as scope, accepted at `/invite/<token>`.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from crm.accounts import service as accounts
from crm.accounts.models import Invitation
from crm.audit.service import record
from crm.auth.models import User
from crm.auth.roles import Role
from crm.auth.service import Scope, UserError, end_sessions
from crm.core.clock import utcnow
from crm.extensions import db
from crm.firms.domain import can_leave
from crm.firms.errors import FirmError
from crm.firms.models import Firm


def members_query(firm_id: int):
    """SELECT of the firm's active members."""
    return select(User).where(
        User.role == Role.FIRM, User.firm_id == firm_id, User.active.is_(True)
    )


def active_members(firm_id: int) -> list[User]:
    """The firm's active members, by name."""
    return list(db.session.scalars(members_query(firm_id).order_by(User.name, User.email)))


def member_count(firm_id: int) -> int:
    """How many active members the firm has."""
    return db.session.scalar(select(func.count()).select_from(members_query(firm_id).subquery()))


def pending_invitations(firm_id: int) -> list[Invitation]:
    """Invitations to this firm whose links still work, newest first."""
    stmt = (
        select(Invitation)
        .where(
            Invitation.firm_id == firm_id,
            Invitation.role == Role.FIRM,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )
    return list(db.session.scalars(stmt))


def invite_member(firm: Firm, email: str, name: str = "") -> tuple[Invitation, str]:
    """Invite someone to join the firm; returns the invitation and the link token.

    The link is shown once to copy, and mailed when SMTP is configured.
    """
    try:
        invitation, token = accounts.invite_user(email, Role.FIRM, Scope(firm_id=firm.id), name)
    except UserError as err:
        raise FirmError(err.fields) from None
    record("firm.member_invite", firm, after={"email": invitation.email})
    return invitation, token


def invitation_link(token: str) -> str:
    """The absolute link for an invitation token (shown once, to copy)."""
    return accounts.invitation_link(token)


def revoke_member_invitation(firm: Firm, invitation: Invitation) -> None:
    """Withdraw a pending invitation to this firm."""
    if invitation.firm_id != firm.id:
        raise FirmError({"invitation": _("This invitation is not for this firm.")})
    accounts.revoke_invitation(invitation)
    record("firm.member_invite_revoke", firm, before={"email": invitation.email})


def _take_out(firm: Firm, user: User, action: str) -> None:
    if user.role != Role.FIRM or user.firm_id != firm.id or not user.active:
        raise FirmError({"member": _("This person is not a member of the firm.")})
    if not can_leave(member_count(firm.id)):
        raise FirmError(
            {"member": _("The last member cannot leave: invite a colleague to take over first.")}
        )
    user.active = False
    end_sessions(user)
    db.session.flush()
    record(action, firm, before={"user_id": user.id, "email": user.email})


def remove_member(firm: Firm, user: User) -> None:
    """Take a colleague out of the firm: their account is disabled and signed out."""
    _take_out(firm, user, "firm.member_remove")


def leave_firm(firm: Firm, user: User) -> None:
    """The user leaves the firm (never its last member)."""
    _take_out(firm, user, "firm.member_leave")
