"""Who may manage accounts, tokens and read the audit log. Pure predicates."""

from __future__ import annotations

from crm.auth.permissions import can_manage_users, can_read_audit_log, is_admin

__all__ = ["can_manage_users", "can_read_audit_log", "can_change_user", "can_manage_token"]


def can_change_user(actor, user) -> bool:
    """Admins change other users' role, scope and status; never their own (no self-lockout)."""
    return is_admin(actor) and actor.id != user.id


def can_manage_token(user, api_token) -> bool:
    """An API token is managed (listed, revoked) only by its owner."""
    return bool(user and user.is_authenticated and api_token.user_id == user.id)
