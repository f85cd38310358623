"""The audit log for admins: read-only, paginated, filtered by action and user."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from crm.accounts.permissions import can_read_audit_log
from crm.accounts.views import bp
from crm.audit.models import AuditEntry
from crm.auth.models import User
from crm.core.guards import requires
from crm.core.templating import ACCOUNT_MENU, current_page
from crm.extensions import db

ACCOUNT_MENU.append(("accounts.audit", _l("Audit log"), frozenset({"admin"})))
AUDIT_PAGE_SIZE = 50


def _filters(actions: list[str]) -> dict:
    action = request.args.get("action", "")
    return {
        "action": action if action in actions else "",
        "user": request.args.get("user", "").strip()[:100],
        "object_type": request.args.get("object_type", "").strip()[:40],
        "object_id": request.args.get("object_id", "").strip()[:40],
    }


def _entries_query(filters: dict):
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if filters["action"]:
        stmt = stmt.where(AuditEntry.action == filters["action"])
    if filters["user"]:
        like = f"%{filters['user'].lower()}%"
        users = select(User.id).where(func.lower(User.email).like(like))
        stmt = stmt.where(AuditEntry.user_id.in_(users))
    if filters["object_type"]:
        stmt = stmt.where(AuditEntry.object_type == filters["object_type"])
    if filters["object_id"]:
        stmt = stmt.where(AuditEntry.object_id == filters["object_id"])
    return stmt


@bp.route("/admin/audit")
@requires(can_read_audit_log)
def audit():
    actions = list(db.session.scalars(select(AuditEntry.action).distinct().order_by("action")))
    filters = _filters(actions)
    page, per_page = current_page(AUDIT_PAGE_SIZE)
    entries = db.paginate(_entries_query(filters), page=page, per_page=per_page, error_out=False)
    user_ids = {e.user_id for e in entries.items if e.user_id is not None}
    emails = dict(
        db.session.execute(select(User.id, User.email).where(User.id.in_(user_ids))).all()
    )
    return render_template(
        "accounts/audit.html", entries=entries, emails=emails, actions=actions, filters=filters
    )
