"""The admins' fee format editor: publish a format, publish a new version, retire a version.

One form serves the page and its HTMX fragment: the row buttons (add or remove a tier or a
split line) post the form back and get it re-rendered with the row changed; "Publish" validates
with ``parse_fee_format`` and shows each message beside its field (422), or a conflict (409).
"""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.core.guards import get_or_404, requires
from crm.core.htmx import is_fragment_request
from crm.extensions import db
from crm.fees import service
from crm.fees.errors import FeeConflict
from crm.fees.forms import (
    MAX_SPLIT,
    MAX_TIERS,
    FeeFormatForm,
    blank_data,
    change_rows,
    focus_after,
    form_data,
    is_row_action,
)
from crm.fees.models import FeeFormat
from crm.fees.money import ValidationError
from crm.fees.permissions import can_manage_fee_formats
from crm.fees.views import bp


def _see_other(url: str):
    # A redirect would be swapped into the form: let htmx change page instead.
    if is_fragment_request():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


def _render(form: FeeFormatForm, base: FeeFormat | None, status: int = 200, **context):
    template = "fees/_editor_form.html" if is_fragment_request() else "fees/edit.html"
    context.setdefault("conflict", None)
    context.setdefault("focus", None)
    return render_template(
        template, form=form, base=base, max_tiers=MAX_TIERS, max_split=MAX_SPLIT, **context
    ), status


def _publish(form: FeeFormatForm, base: FeeFormat | None):
    try:
        if base is None:
            fmt = service.create_format(form.to_document(), current_user)
        else:
            fmt = service.revise_format(base, form.to_document(), current_user)
    except ValidationError as exc:
        form.apply_errors(exc.fields)
        return _render(form, base, 422)
    except FeeConflict as exc:
        if exc.fields:
            form.apply_errors(exc.fields)
        return _render(form, base, 409, conflict=None if exc.fields else exc.message)
    db.session.commit()
    flash(_("Version %(version)s of %(name)s is published.", version=fmt.version, name=fmt.name))
    return _see_other(url_for("fees.show", format_id=fmt.id))


def _edit(base: FeeFormat | None, initial: dict):
    if request.method == "GET":
        return _render(FeeFormatForm(formdata=None, data=initial), base)
    form = FeeFormatForm()
    action = request.form.get("action", "publish")
    if is_row_action(action):
        changed = FeeFormatForm(formdata=None, data=change_rows(form, action))
        return _render(changed, base, focus=focus_after(action, changed))
    return _publish(form, base)


@bp.route("/fee-formats/new", methods=["GET", "POST"])
@requires(can_manage_fee_formats)
def new():
    return _edit(None, blank_data())


@bp.route("/fee-formats/<int:format_id>/revise", methods=["GET", "POST"])
@requires(can_manage_fee_formats)
def revise(format_id: int):
    """A new version from the latest one; retired or older versions answer 409."""
    fmt = get_or_404(FeeFormat, format_id)
    try:
        service.check_revisable(fmt)
    except FeeConflict as exc:
        return render_template("fees/revise_refused.html", fmt=fmt, message=exc.message), 409
    return _edit(fmt, form_data(fmt.document))


@bp.route("/fee-formats/<int:format_id>/retire", methods=["POST"])
@requires(can_manage_fee_formats)
def retire(format_id: int):
    fmt = get_or_404(FeeFormat, format_id)
    try:
        service.retire_format(fmt, current_user)
    except FeeConflict as exc:
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Version %(version)s is retired: no new deal may use it.", version=fmt.version))
    return redirect(url_for("fees.show", format_id=fmt.id), 303)
