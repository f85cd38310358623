"""Admin pages: merge two organisations; export and erase a contact's personal data."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.core.guards import get_or_404, requires
from crm.extensions import db
from crm.organisations import permissions as can
from crm.organisations import service
from crm.organisations.errors import OrganisationError
from crm.organisations.forms import ActionForm, MergeForm
from crm.organisations.merge import merge_organisations
from crm.organisations.models import Contact, Organisation
from crm.organisations.present import form_errors
from crm.organisations.views import bp
from crm.privacy import AlreadyErased, erase_personal_data, export_personal_data


def _render_merge(source: Organisation, form: MergeForm, status: int = 200):
    candidates = service.similar_organisations(source.country_code, source.name, source.id, 10)
    return render_template(
        "organisations/merge.html", source=source, form=form, candidates=candidates
    ), status


@bp.route("/organisations/<int:organisation_id>/merge", methods=["GET", "POST"])
@requires(can.can_merge_organisations)
def merge(organisation_id: int):
    source = get_or_404(Organisation, organisation_id)
    form = MergeForm()
    if not form.validate_on_submit():
        return _render_merge(source, form, 422 if form.errors else 200)
    target = db.session.get(Organisation, form.target.data)
    if target is None:
        form.target.errors = [_("There is no organisation with this number.")]
        return _render_merge(source, form, 422)
    try:
        moved = merge_organisations(source, target, current_user)
    except OrganisationError as err:
        db.session.rollback()
        form_errors(form, err)
        return _render_merge(source, form, err.status)
    db.session.commit()
    flash(
        _(
            "Merged: %(contacts)s contacts and %(questions)s questions moved to %(name)s.",
            contacts=len(moved.get("contacts", [])),
            questions=len(moved.get("questions", [])),
            name=target.name,
        ),
        "success",
    )
    return redirect(url_for("organisations.show", organisation_id=target.id), 303)


@bp.route("/contacts/<int:contact_id>/export.json")
@requires(can.can_manage_personal_data)
def export_contact(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    data = export_personal_data(contact, current_user)
    db.session.commit()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="contact-{contact.id}.json"'},
    )


@bp.route("/contacts/<int:contact_id>/erase", methods=["POST"])
@requires(can.can_manage_personal_data)
def erase_contact(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("organisations.show_contact", contact_id=contact.id), 303)
    try:
        erase_personal_data(contact, current_user)
    except AlreadyErased:
        flash(_("This contact was already erased."), "error")
        return redirect(url_for("organisations.show_contact", contact_id=contact.id), 303)
    db.session.commit()
    flash(_("The contact's personal data was erased."), "success")
    return redirect(url_for("organisations.show_contact", contact_id=contact.id), 303)
