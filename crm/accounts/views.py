"""Pages of the accounts feature: the language switch and the profile page.

The admin pages (users, invitations, audit log) and the public link pages (accept an
invitation, reset a password) are in the sibling modules imported at the bottom.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from sqlalchemy import select

from crm.accounts.forms import ChangePasswordForm, TokenForm
from crm.accounts.permissions import can_manage_token
from crm.audit.service import record
from crm.auth import service as auth_service
from crm.auth.models import ApiToken
from crm.auth.passwords import verify_password
from crm.auth.views import safe_next
from crm.core.guards import allow_or_403, get_or_404
from crm.core.i18n import remember_locale
from crm.core.templating import ACCOUNT_MENU
from crm.extensions import db

bp = Blueprint("accounts", __name__)

ALL_ROLES = frozenset({"admin", "topteam", "bd", "post", "firm"})
ACCOUNT_MENU.append(("accounts.profile", _l("Your account"), ALL_ROLES))


@bp.route("/language", methods=["POST"])
def language():
    locale = request.form.get("locale", "")
    if remember_locale(locale) and current_user.is_authenticated:
        if current_user.locale != locale:
            record("user.locale", current_user, after={"locale": locale})
            current_user.locale = locale
            db.session.commit()
    target = safe_next(request.form.get("next")) or safe_next(_referrer_path())
    return redirect(target or url_for("home.index"), 303)


def _referrer_path() -> str | None:
    ref = request.referrer or ""
    host = request.host_url
    return ref[len(host) - 1 :] if ref.startswith(host) else None


def _tokens() -> list[ApiToken]:
    stmt = (
        select(ApiToken)
        .where(ApiToken.user_id == current_user.id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(stmt))


def _profile(status: int = 200, **context):
    context.setdefault("password_form", ChangePasswordForm(prefix="pw"))
    context.setdefault("token_form", TokenForm(prefix="token"))
    return render_template("accounts/profile.html", tokens=_tokens(), **context), status


@bp.route("/account")
@login_required
def profile():
    return _profile()


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        if verify_password(current_user.password_hash, form.current.data):
            auth_service.change_password(current_user, form.password.data)
            db.session.commit()
            login_user(current_user)  # this browser stays signed in; every other session ends
            flash(_("Your password is changed. Other sessions are signed out."), "success")
            return redirect(url_for("accounts.profile"), 303)
        form.current.errors = [_("This is not your current password.")]
    return _profile(422, password_form=form)


@bp.route("/account/tokens", methods=["POST"])
@login_required
def create_token():
    form = TokenForm(prefix="token")
    if not form.validate_on_submit():
        return _profile(422, token_form=form)
    token = auth_service.create_token(current_user, form.name.data.strip())
    db.session.commit()
    return _profile(201, new_token=token)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    api_token = get_or_404(ApiToken, token_id)
    allow_or_403(can_manage_token(current_user, api_token))
    if api_token.revoked_at is None:
        auth_service.revoke_token(api_token)
        db.session.commit()
        flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.profile"), 303)


from crm.accounts import admin_views, audit_views, public_views  # noqa: E402, F401  (routes)
