"""Pages reached through a link, without signing in: accept an invitation, reset a password."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from crm.accounts import resets, service
from crm.accounts.forms import AcceptInviteForm, ForgotPasswordForm, ResetPasswordForm
from crm.accounts.views import bp
from crm.auth.service import UserError
from crm.extensions import db, limiter


def _link_gone():
    return render_template("accounts/link_gone.html"), 404


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def accept_invite(token: str):
    inv = service.pending_invitation(token)
    if inv is None:
        return _link_gone()
    form = AcceptInviteForm(name=inv.name or None)
    if form.validate_on_submit():
        try:
            user = service.accept_invitation(inv, form.name.data, form.password.data)
        except UserError as err:
            db.session.rollback()
            form.password.errors = [*form.password.errors, *err.fields.values()]
        else:
            db.session.commit()
            logout_user()
            login_user(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("home.index"), 303)
    status = 422 if form.errors else 200
    return render_template("accounts/accept_invite.html", form=form, invitation=inv), status


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        resets.request_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/forgot_sent.html")
    status = 422 if form.errors else 200
    return render_template("accounts/forgot.html", form=form), status


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def reset_password(token: str):
    reset = resets.valid_reset(token)
    if reset is None:
        return _link_gone()
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = resets.reset_password(reset, form.password.data)
        db.session.commit()
        logout_user()
        login_user(user)
        flash(_("Your new password is set. Other sessions are signed out."), "success")
        return redirect(url_for("home.index"), 303)
    status = 422 if form.errors else 200
    return render_template("accounts/reset.html", form=form, user=reset.user), status
