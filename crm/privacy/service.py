"""Export and erase a person's data.

Erasure pseudonymises: the record stays (questions, merges and counts keep pointing at it),
but every personal field is replaced (a contact's name becomes "Erased contact #12", the
rest is emptied), and so are the same fields in the audit history about that person.

Decision on the audit log: audit entries are append-only at the ORM level
(`crm.audit.models` refuses UPDATE and DELETE through the ORM), so that no feature rewrites
history by accident. Keeping a person's name and email in that history would defeat the
right to erasure, so this service is the one deliberate exception: it rewrites the personal
fields of the subject's entries with a Core UPDATE statement (bypassing the ORM guard), keeps
every entry, its action, time, author and all other keys, and records a `privacy.erase` entry
naming the subject, who erased it, which fields and how many entries were pseudonymised. No
other code may update audit entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select, update

from crm.audit.models import AuditEntry
from crm.audit.service import record
from crm.extensions import db
from crm.privacy.registry import kind_of

ERASE_ACTION = "privacy.erase"
EXPORT_ACTION = "privacy.export"


class AlreadyErased(Exception):
    """The subject's personal data was erased before (a state conflict: 409)."""


def _history(object_type: str, object_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
        .order_by(AuditEntry.id)
    )
    return [
        {
            "action": e.action,
            "at": e.at.isoformat(timespec="seconds") if e.at else None,
            "by_user_id": e.user_id,
            "before": e.before,
            "after": e.after,
        }
        for e in rows
    ]


def export_personal_data(subject: Any, by_user: Any = None) -> dict:
    """Everything held about `subject`: its data, where it appears, and its audit history,
    as a JSON-ready dict. The export itself is audit-logged (no personal data in the entry)."""
    kind = kind_of(subject)
    data = {
        "subject": {"kind": kind.name, "id": subject.id},
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **kind.export(subject),
        "history": _history(kind.audit_object_type, subject.id),
    }
    record(
        EXPORT_ACTION,
        subject,
        after={"kind": kind.name},
        user_id=getattr(by_user, "id", None),
    )
    return data


def _scrub(values: dict | None, replacements: Mapping[str, Any]) -> dict | None:
    if not isinstance(values, dict):
        return values
    return {k: (replacements[k] if k in replacements else v) for k, v in values.items()}


def pseudonymise_audit(object_type: str, object_id: int, replacements: Mapping[str, Any]) -> int:
    """Replace the personal fields in the `before`/`after` of every audit entry about one
    object, keeping the entries and all their other keys; returns how many changed.

    The only sanctioned UPDATE of the audit log (see the module docstring): a Core statement,
    so the ORM's append-only guard is deliberately not involved.
    """
    entries = db.session.execute(
        select(AuditEntry.id, AuditEntry.before, AuditEntry.after).where(
            AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id)
        )
    ).all()
    changed = []
    for entry_id, before, after in entries:
        new_before, new_after = _scrub(before, replacements), _scrub(after, replacements)
        if (new_before, new_after) != (before, after):
            changed.append({"entry_id": entry_id, "new_before": new_before, "new_after": new_after})
    if changed:
        table = AuditEntry.__table__
        db.session.execute(
            update(table)
            .where(table.c.id == bindparam("entry_id"))
            .values(before=bindparam("new_before"), after=bindparam("new_after")),
            changed,
        )
    return len(changed)


def erase_personal_data(subject: Any, by_user: Any) -> None:
    """Pseudonymise `subject` everywhere: its record, what its kind cleans besides (search
    index, stored texts) and its audit history; then log one `privacy.erase` entry.
    Raises AlreadyErased when done before. Flushes, never commits."""
    kind = kind_of(subject)
    if kind.is_erased(subject):
        raise AlreadyErased(f"{kind.name} {subject.id} was already erased")
    replacements = dict(kind.replacements(subject))
    kind.erase(subject, by_user, replacements)
    db.session.flush()
    count = pseudonymise_audit(kind.audit_object_type, subject.id, replacements)
    record(
        ERASE_ACTION,
        subject,
        after={"kind": kind.name, "fields": sorted(replacements), "audit_entries": count},
        user_id=getattr(by_user, "id", None),
    )
    db.session.flush()
