"""Why a question use-case was refused, and what others changed meanwhile (version conflicts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.auth.models import User
from crm.extensions import db
from crm.questions.fields import EDITABLE
from crm.questions.models import Question


class QuestionError(Exception):
    """A use-case refused: `status` for the API, `fields` for the form."""

    status = 422

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message, self.fields = message, fields or {}


class QuestionInvalid(QuestionError):
    status = 422


class QuestionForbidden(QuestionError):
    status = 403


class QuestionConflict(QuestionError):
    """The question's state forbids the action (already claimed ...)."""

    status = 409


@dataclass
class ChangedMeanwhile:
    field: str
    by: str
    at: datetime | None


class VersionConflict(QuestionConflict):
    """Someone saved the question after the version the caller read."""

    def __init__(self, question: Question, read_version: int):
        self.question = question
        self.read_version = read_version
        self.changed = changed_since(question, read_version)
        names = ", ".join(sorted({c.field for c in self.changed})) or _("the question")
        super().__init__(
            _(
                "Someone else saved this question meanwhile (now version %(version)s); "
                "changed: %(fields)s.",
                version=question.version,
                fields=names,
            ),
            {"version": [_("stale: read the question again")]},
        )


def changed_since(question: Question, read_version: int) -> list[ChangedMeanwhile]:
    """Which fields others changed after `read_version`, by whom and when (audit log)."""
    rows = db.session.execute(
        select(AuditEntry, User.name, User.email)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(
            AuditEntry.object_type == Question.__tablename__,
            AuditEntry.object_id == str(question.id),
            AuditEntry.action.like("question.%"),
        )
        .order_by(AuditEntry.id.desc())
        .limit(50)
    ).all()
    found = []
    for entry, name, email in rows:
        after = entry.after or {}
        if int(after.get("version") or 0) <= read_version:
            continue
        for key in after:
            if key in EDITABLE or key in ("stage", "owner"):
                found.append(ChangedMeanwhile(key, name or email or "?", entry.at))
    return found
