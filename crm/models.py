"""Import every model module so metadata is complete (Alembic, create_all, mappers)."""

from crm.audit.models import AuditEntry
from crm.auth.models import ApiToken, User
from crm.reference.models import Country, Discipline, FirmSize, Lab, Post, Stage, Theme

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Country",
    "Discipline",
    "FirmSize",
    "Lab",
    "Post",
    "Stage",
    "Theme",
    "User",
]
