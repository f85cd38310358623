"""Role predicates shared by every feature. Pure: a user in, a bool out.

Feature-specific predicates (can_view_question, can_edit_firm ...) live in
`crm/<feature>/permissions.py` and build on these.
"""

from __future__ import annotations

from crm.auth.roles import PROGRAMME_ROLES, Role


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.ADMIN)


def has_role(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.role in roles)


def is_programme(user) -> bool:
    """Business developers, topteam and admins: the people who read across the programme."""
    return bool(user and user.is_authenticated and user.role in PROGRAMME_ROLES)


def can_manage_users(user) -> bool:
    return is_admin(user)


def can_edit_reference(user) -> bool:
    return is_admin(user)


def can_read_audit_log(user) -> bool:
    return is_admin(user)
