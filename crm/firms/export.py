"""A firm's own data export: everything about the firm as a ZIP of JSON files and its uploads."""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from crm.audit.models import AuditEntry
from crm.audit.service import record
from crm.extensions import db
from crm.firms import members
from crm.firms.models import Firm, PortfolioItem
from crm.firms.portfolio import item_summary
from crm.firms.queries import visible_items
from crm.firms.service import firm_summary
from crm.uploads.storage import path_for

README = _l("""This archive holds everything the Creative Lab CRM keeps about your firm:

firm.json         the profile
members.json      members and pending invitations (emails, names; never passwords)
portfolio.json    portfolio items with their files' details
audit.json        the audit log of changes to the firm and its portfolio
files/            every uploaded file, as stored (images re-encoded, metadata removed)
""")


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def _file_name(item_id: int, file_id: int, name: str) -> str:
    return f"files/item-{item_id}/{file_id}-{name}"


def _portfolio(items: list[PortfolioItem]) -> list[dict]:
    return [
        {
            "id": item.id,
            "position": item.position,
            **item_summary(item),
            "files": [
                {
                    "id": f.id,
                    "name": f.stored.original_name,
                    "content_type": f.stored.content_type,
                    "size_bytes": f.stored.size_bytes,
                    "sha256": f.stored.sha256,
                    "is_cover": f.is_cover,
                    "path": _file_name(item.id, f.id, f.stored.original_name),
                }
                for f in item.files
            ],
        }
        for item in items
    ]


def _audit(firm: Firm, item_ids: list[int]) -> list[dict]:
    about_firm = and_(AuditEntry.object_type == "firms", AuditEntry.object_id == str(firm.id))
    about_items = and_(
        AuditEntry.object_type == "portfolio_items",
        AuditEntry.object_id.in_([str(i) for i in item_ids]),
    )
    stmt = select(AuditEntry).where(or_(about_firm, about_items)).order_by(AuditEntry.id)
    return [
        {
            "at": e.at,
            "action": e.action,
            "object": f"{e.object_type}/{e.object_id}",
            "user_id": e.user_id,
            "before": e.before,
            "after": e.after,
        }
        for e in db.session.scalars(stmt)
    ]


def _people(firm: Firm) -> dict:
    return {
        "members": [
            {"id": u.id, "email": u.email, "name": u.name, "last_login_at": u.last_login_at}
            for u in members.active_members(firm.id)
        ],
        "pending_invitations": [
            {"email": i.email, "name": i.name, "expires_at": i.expires_at}
            for i in members.pending_invitations(firm.id)
        ],
    }


def export_zip(firm: Firm, user=None):
    """A file object holding the ZIP (spooled to disk when large), positioned at its start.

    The export is audit-logged (the caller commits).
    """
    from flask_login import current_user

    items = visible_items(user or current_user, firm.id)
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", str(README))
        profile = {"id": firm.id, "version": firm.version, **firm_summary(firm)}
        profile["exported_at"] = datetime.now(UTC).isoformat()
        zf.writestr("firm.json", _json(profile))
        zf.writestr("members.json", _json(_people(firm)))
        zf.writestr("portfolio.json", _json(_portfolio(items)))
        zf.writestr("audit.json", _json(_audit(firm, [i.id for i in items])))
        for item in items:
            for f in item.files:
                source = path_for(f.stored.storage_key)
                if source.is_file():
                    zf.write(source, _file_name(item.id, f.id, f.stored.original_name))
    archive.seek(0)
    record("firm.export", firm, after={"items": len(items)})
    return archive
