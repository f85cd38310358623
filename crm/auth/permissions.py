"""Role predicates shared by every feature. Pure: a user in, a bool out.

Feature-specific predicates (can_view_question, can_edit_firm ...) live in
`crm/<feature>/permissions.py` and build on these.
"""

from __future__ import annotations

from crm.auth.roles import PROGRAMME_ROLES, Role


def is_admin(user) -> bool:
    """A signed-in admin (anonymous users and None are not)."""
    return bool(user and user.is_authenticated and user.role == Role.ADMIN)


def has_role(user, *roles: str) -> bool:
    """A signed-in user with one of `roles`."""
    return bool(user and user.is_authenticated and user.role in roles)


def is_programme(user) -> bool:
    """Business developers, topteam and admins: the people who read across the programme."""
    return bool(user and user.is_authenticated and user.role in PROGRAMME_ROLES)


def can_manage_users(user) -> bool:
    """Invite users, change roles and scope, disable accounts: admins only."""
    return is_admin(user)


def can_edit_reference(user) -> bool:
    """Reference data feeds every feature's choices and rules: admins only."""
    return is_admin(user)


def can_read_audit_log(user) -> bool:
    """The audit log shows every change by everyone, personal data included: admins only."""
    return is_admin(user)
