"""Admins view and edit reference data (labels and stage probabilities; codes are fixed)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from crm.audit.service import record
from crm.auth.permissions import can_edit_reference
from crm.core.guards import requires
from crm.extensions import db
from crm.reference.forms import ReferenceLabelForm
from crm.reference.models import Country, Discipline, FirmSize, Lab, Post, Stage, Theme

bp = Blueprint("reference", __name__, url_prefix="/admin/reference")

# kind -> (model, the attribute holding the human label)
KINDS = {
    "countries": (Country, "name"),
    "posts": (Post, "name"),
    "labs": (Lab, "name"),
    "themes": (Theme, "label"),
    "disciplines": (Discipline, "label"),
    "firm-sizes": (FirmSize, "label"),
    "stages": (Stage, "label"),
}
KIND_TITLES = {
    "countries": _l("Countries"),
    "posts": _l("Posts (embassies and consulates)"),
    "labs": _l("Labs"),
    "themes": _l("Themes"),
    "disciplines": _l("Disciplines"),
    "firm-sizes": _l("Firm sizes"),
    "stages": _l("Stages"),
}


@bp.route("/")
@requires(can_edit_reference)
def index():
    tables = {
        kind: db.session.scalars(select(model)).all() for kind, (model, _attr) in KINDS.items()
    }
    return render_template("reference/index.html", tables=tables, kinds=KINDS, titles=KIND_TITLES)


@bp.route("/<kind>/<code>", methods=["GET", "POST"])
@requires(can_edit_reference)
def edit(kind: str, code: str):
    if kind not in KINDS:
        abort(404)
    model, attr = KINDS[kind]
    row = db.session.get(model, code) or abort(404)
    form = ReferenceLabelForm(
        label=getattr(row, attr), probability=getattr(row, "probability", None)
    )
    if form.validate_on_submit():
        before = {attr: getattr(row, attr), "probability": getattr(row, "probability", None)}
        setattr(row, attr, form.label.data)
        if isinstance(row, Stage) and form.probability.data is not None:
            row.probability = form.probability.data
        after = {attr: getattr(row, attr), "probability": getattr(row, "probability", None)}
        record("reference.update", object_type=kind, object_id=code, before=before, after=after)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("reference.index"), 303)
    status = 422 if form.errors else 200
    return render_template(
        "reference/edit.html", form=form, row=row, kind=kind, is_stage=isinstance(row, Stage)
    ), status
