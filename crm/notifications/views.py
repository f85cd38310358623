"""Pages of the notifications feature: the counter in the layout, the list, marking read."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from crm.auth.views import safe_next
from crm.core.guards import allow_or_403, get_or_404
from crm.core.htmx import is_fragment_request
from crm.core.templating import current_page
from crm.extensions import db
from crm.notifications import service
from crm.notifications.models import Notification
from crm.notifications.permissions import can_read_notification

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

CHANGED = {"HX-Trigger": "notifications-changed"}


def _list_context() -> dict:
    unread_only = request.args.get("unread") == "1"
    page, per_page = current_page()
    notes = db.paginate(
        service.notifications_for(current_user, unread_only),
        page=page,
        per_page=per_page,
        error_out=False,
    )
    return {"notes": notes, "unread_only": unread_only}


@bp.route("")
@login_required
def index():
    template = "notifications/_list.html" if is_fragment_request() else "notifications/index.html"
    return render_template(template, **_list_context())


@bp.route("/counter")
@login_required
def counter():
    return render_template("notifications/_counter.html", count=service.unread_count(current_user))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def read(notification_id: int):
    note = get_or_404(Notification, notification_id)
    allow_or_403(can_read_notification(current_user, note))
    service.mark_read(note)
    db.session.commit()
    if request.form.get("open") and safe_next(note.url):
        return redirect(note.url, 303)
    if is_fragment_request():
        return render_template("notifications/_item.html", note=note), 200, CHANGED
    return redirect(url_for("notifications.index"), 303)


@bp.route("/read-all", methods=["POST"])
@login_required
def read_all():
    service.mark_all_read(current_user)
    db.session.commit()
    if is_fragment_request():
        return render_template("notifications/_list.html", **_list_context()), 200, CHANGED
    return redirect(url_for("notifications.index"), 303)
