"""Who may see and change firms, portfolio items and their files. Pure predicates."""

from __future__ import annotations

from crm.auth.permissions import has_role, is_admin, is_programme
from crm.auth.roles import Role


def _firm_id(firm_or_id) -> int | None:
    return firm_or_id if isinstance(firm_or_id, int) else getattr(firm_or_id, "id", None)


def is_member(user, firm_or_id) -> bool:
    """The user is an active member of this firm."""
    return bool(
        has_role(user, Role.FIRM)
        and user.firm_id is not None
        and user.firm_id == _firm_id(firm_or_id)
    )


def can_browse_firms(user) -> bool:
    """The directory and public profiles: the programme and every firm member."""
    return is_programme(user) or has_role(user, Role.FIRM)


def can_create_firm(user) -> bool:
    """Admins and business developers add firms."""
    return has_role(user, Role.ADMIN, Role.BD)


def can_view_firm(user, firm) -> bool:
    """A firm's public profile."""
    return can_browse_firms(user)


def can_edit_firm(user, firm) -> bool:
    """Its own members edit a firm's profile and portfolio; admins may too."""
    return is_admin(user) or is_member(user, firm)


def can_view_members(user, firm) -> bool:
    """Members and pending invitations: the firm itself and the programme."""
    return is_programme(user) or is_member(user, firm)


def can_invite_member(user, firm, has_members: bool) -> bool:
    """Members invite colleagues; admins always; business developers the first member."""
    return can_edit_firm(user, firm) or (has_role(user, Role.BD) and not has_members)


def can_manage_members(user, firm) -> bool:
    """Remove members and withdraw invitations."""
    return can_edit_firm(user, firm)


def can_leave_firm(user, firm) -> bool:
    """Only a member can leave (the last one is refused by the service)."""
    return is_member(user, firm)


def can_export_firm(user, firm) -> bool:
    """The firm's own data export: its members and admins."""
    return can_edit_firm(user, firm)


def can_view_item(user, item) -> bool:
    """The programme and the firm see every item; other firms only items shared with firms."""
    if is_programme(user) or is_member(user, item.firm_id):
        return True
    return has_role(user, Role.FIRM) and item.visibility == "firms"


def can_edit_item(user, item) -> bool:
    """A portfolio item is changed by its firm's members and admins."""
    return is_admin(user) or is_member(user, item.firm_id)
