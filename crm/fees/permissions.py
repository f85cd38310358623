"""Who may read and change fee formats and exchange rates. Pure predicates: a user in, a bool out.

Fee formats are published so that every firm can check the fee in advance: everyone signed
in reads them and computes quotes. Only admins (the programme office) write formats and
rates; the topteam reads the rates.
"""

from __future__ import annotations

from crm.auth.permissions import has_role, is_admin
from crm.auth.roles import Role


def can_view_fee_formats(user) -> bool:
    """Every signed-in user, firm members included, reads formats and computes quotes."""
    return bool(user and user.is_authenticated)


def can_manage_fee_formats(user) -> bool:
    """Publish, publish new versions, retire: admins only."""
    return is_admin(user)


def can_view_exchange_rates(user) -> bool:
    """Admins and the topteam read the rate tables."""
    return has_role(user, Role.ADMIN, Role.TOPTEAM)


def can_manage_exchange_rates(user) -> bool:
    """Enter, change and import rates: admins only."""
    return is_admin(user)
