"""Members pages: who is in the firm, invitations (single-use links), removing, leaving."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from crm.accounts.models import Invitation
from crm.auth.models import User
from crm.core.guards import allow_or_403, get_or_404
from crm.extensions import db
from crm.firms import members
from crm.firms import permissions as perm
from crm.firms.errors import FirmError
from crm.firms.forms import ActionForm, InviteForm
from crm.firms.queries import load_firm
from crm.firms.views import bp


def _firm_or_404(firm_id: int):
    return load_firm(firm_id) or abort(404)


def _members_page(firm, form: InviteForm | None = None, status: int = 200, **extra):
    people = members.active_members(firm.id)
    can_invite = perm.can_invite_member(current_user, firm, bool(people))
    context = {
        "firm": firm,
        "members": people,
        "invitations": members.pending_invitations(firm.id),
        "form": form or InviteForm(),
        "action_form": ActionForm(),
        "can_invite": can_invite,
        "can_manage": perm.can_manage_members(current_user, firm),
        "can_leave": perm.can_leave_firm(current_user, firm),
        **extra,
    }
    return render_template("firms/members.html", **context), status


@bp.route("/firms/<int:firm_id>/members")
@login_required
def members_index(firm_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_view_members(current_user, firm))
    return _members_page(firm)


@bp.route("/firms/<int:firm_id>/members/invite", methods=["POST"])
@login_required
def members_invite(firm_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_invite_member(current_user, firm, members.member_count(firm.id) > 0))
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, token = members.invite_member(firm, form.email.data, form.name.data or "")
        except FirmError as err:
            db.session.rollback()
            form.email.errors = [*form.email.errors, *err.fields.values()]
        else:
            db.session.commit()
            # The link is shown once, here, to copy: it is stored only as a hash.
            link = members.invitation_link(token)
            return _members_page(firm, invite_link=link, invited=invitation)
    return _members_page(firm, form, 422)


@bp.route("/firms/<int:firm_id>/invitations/<int:invitation_id>/revoke", methods=["POST"])
@login_required
def invitation_revoke(firm_id: int, invitation_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_manage_members(current_user, firm))
    invitation = get_or_404(Invitation, invitation_id)
    if invitation.firm_id != firm.id:
        abort(404)
    members.revoke_member_invitation(firm, invitation)
    db.session.commit()
    flash(_("Invitation withdrawn: its link no longer works."), "success")
    return redirect(url_for("firms.members_index", firm_id=firm.id), 303)


@bp.route("/firms/<int:firm_id>/members/<int:user_id>/remove", methods=["POST"])
@login_required
def member_remove(firm_id: int, user_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_manage_members(current_user, firm))
    user = get_or_404(User, user_id)
    if user.firm_id != firm.id:
        abort(404)
    try:
        members.remove_member(firm, user)
    except FirmError as err:
        db.session.rollback()
        return _members_page(firm, status=422, error=err.message)
    db.session.commit()
    flash(_("%(name)s was removed from the firm.", name=user.display_name), "success")
    return redirect(url_for("firms.members_index", firm_id=firm.id), 303)


@bp.route("/firms/<int:firm_id>/leave", methods=["POST"])
@login_required
def member_leave(firm_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_leave_firm(current_user, firm))
    try:
        members.leave_firm(firm, current_user._get_current_object())
    except FirmError as err:
        db.session.rollback()
        return _members_page(firm, status=422, error=err.message)
    db.session.commit()
    logout_user()
    flash(_("You left %(firm)s and were signed out.", firm=firm.name), "success")
    return redirect(url_for("auth.login"), 303)
