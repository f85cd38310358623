"""Admin pages: the user list, invitations, role and scope, disabling, reset links."""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select

from crm.accounts import resets, service
from crm.accounts.forms import ROLE_LABELS, InviteForm, UserEditForm, role_choices
from crm.accounts.models import Invitation
from crm.accounts.permissions import can_change_user, can_manage_users
from crm.accounts.views import bp
from crm.auth.models import User
from crm.auth.roles import ROLES
from crm.auth.service import Scope, UserError
from crm.core.clock import utcnow
from crm.core.guards import allow_or_403, get_or_404, requires
from crm.core.templating import ACCOUNT_MENU, current_page
from crm.extensions import db
from crm.notifications.mail import mail_enabled

ACCOUNT_MENU.append(("accounts.users", _l("Users"), frozenset({"admin"})))
ACCOUNT_MENU.append(("reference.index", _l("Reference data"), frozenset({"admin"})))


@bp.app_template_global()
def role_label(role: str):
    """The readable name of a role code ("bd" -> "Business developer")."""
    return ROLE_LABELS.get(role, role)


def _user_filters() -> dict:
    role = request.args.get("role", "")
    status = request.args.get("status", "")
    return {
        "role": role if role in ROLES else "",
        "status": status if status in ("active", "disabled") else "",
        "q": request.args.get("q", "").strip()[:100],
    }


def _users_query(filters: dict):
    stmt = select(User).order_by(func.lower(User.email))
    if filters["role"]:
        stmt = stmt.where(User.role == filters["role"])
    if filters["status"]:
        stmt = stmt.where(User.active.is_(filters["status"] == "active"))
    if filters["q"]:
        like = f"%{filters['q'].lower()}%"
        stmt = stmt.where(or_(func.lower(User.email).like(like), func.lower(User.name).like(like)))
    return stmt


@bp.route("/admin/users")
@requires(can_manage_users)
def users():
    filters = _user_filters()
    page, per_page = current_page()
    users_page = db.paginate(_users_query(filters), page=page, per_page=per_page, error_out=False)
    return render_template(
        "accounts/users.html",
        users=users_page,
        filters=filters,
        roles=role_choices(),
        invitations=service.recent_invitations(),
        reset_requests=resets.open_requests(),
        now=utcnow(),
    )


@bp.route("/admin/users/invite", methods=["GET", "POST"])
@requires(can_manage_users)
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            inv, token = service.invite_user(
                form.email.data, form.role.data, Scope(**form.scope_values()), form.name.data or ""
            )
        except UserError as err:
            db.session.rollback()
            form.show_errors(err.fields)
        else:
            db.session.commit()
            return _link_page(
                _("Invitation for %(email)s", email=inv.email),
                service.invitation_link(token),
                inv.expires_at,
            )
    return render_template("accounts/invite.html", form=form), 422 if form.errors else 200


def _link_page(title: str, link: str, expires_at, status: int = 201):
    return render_template(
        "accounts/link_created.html",
        title=title,
        link=link,
        expires_at=expires_at,
        mailed=mail_enabled(),
    ), status


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@requires(can_manage_users)
def edit_user(user_id: int):
    user = get_or_404(User, user_id)
    form = UserEditForm(obj=None if request.method == "POST" else _form_data(user))
    if form.validate_on_submit():
        allow_or_403(can_change_user(current_user, user))
        try:
            changed = service.update_user(
                user, form.role.data, Scope(**form.scope_values()), form.name.data
            )
        except UserError as err:
            db.session.rollback()
            form.show_errors(err.fields)
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing changed."), "success")
            return redirect(url_for("accounts.users"), 303)
    status = 422 if form.errors else 200
    editable = can_change_user(current_user, user)
    return render_template(
        "accounts/edit_user.html", form=form, user=user, editable=editable
    ), status


def _form_data(user: User):
    return SimpleNamespace(
        role=user.role,
        country=user.country_code or "",
        lab=user.lab_code or "",
        post=user.post_code or "",
        firm_id=user.firm_id,
        name=user.name,
    )


@bp.route("/admin/users/<int:user_id>/disable", methods=["POST"])
@requires(can_manage_users)
def disable_user(user_id: int):
    return _set_active(user_id, False)


@bp.route("/admin/users/<int:user_id>/enable", methods=["POST"])
@requires(can_manage_users)
def enable_user(user_id: int):
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    user = get_or_404(User, user_id)
    allow_or_403(can_change_user(current_user, user))
    service.set_active(user, active)
    db.session.commit()
    if active:
        flash(_("%(email)s can sign in again.", email=user.email), "success")
    else:
        flash(_("%(email)s is disabled and signed out everywhere.", email=user.email), "success")
    return redirect(url_for("accounts.edit_user", user_id=user.id), 303)


@bp.route("/admin/users/<int:user_id>/reset-link", methods=["POST"])
@requires(can_manage_users)
def reset_link(user_id: int):
    user = get_or_404(User, user_id)
    allow_or_403(can_change_user(current_user, user) and user.active)
    token = resets.issue_reset_link(user, current_user)
    db.session.commit()
    reset = resets.valid_reset(token)
    return _link_page(
        _("Password reset link for %(email)s", email=user.email),
        resets.reset_link(token),
        reset.expires_at if reset else None,
    )


@bp.route("/admin/invitations/<int:invitation_id>/renew", methods=["POST"])
@requires(can_manage_users)
def renew_invitation(invitation_id: int):
    inv = get_or_404(Invitation, invitation_id)
    try:
        token = service.renew_invitation(inv)
    except UserError:
        db.session.rollback()
        abort(409)
    db.session.commit()
    return _link_page(
        _("Invitation for %(email)s", email=inv.email),
        service.invitation_link(token),
        inv.expires_at,
    )


@bp.route("/admin/invitations/<int:invitation_id>/revoke", methods=["POST"])
@requires(can_manage_users)
def revoke_invitation(invitation_id: int):
    inv = get_or_404(Invitation, invitation_id)
    service.revoke_invitation(inv)
    db.session.commit()
    flash(_("The invitation for %(email)s is withdrawn.", email=inv.email), "success")
    return redirect(url_for("accounts.users"), 303)
