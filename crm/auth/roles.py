"""The five roles and what scope each carries."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    TOPTEAM = "topteam"
    BD = "bd"
    POST = "post"
    FIRM = "firm"


ROLES = tuple(r.value for r in Role)
# Roles that read everything in the programme (firms, questions, dashboards).
PROGRAMME_ROLES = frozenset({Role.ADMIN, Role.TOPTEAM, Role.BD})
