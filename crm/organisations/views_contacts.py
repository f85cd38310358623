"""Pages for contact persons: add to an organisation, read, edit."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.core.guards import allow_or_403, get_or_404
from crm.extensions import db
from crm.organisations import contacts as service
from crm.organisations import links
from crm.organisations import permissions as can
from crm.organisations.errors import OrganisationError, VersionConflict
from crm.organisations.forms import ContactForm
from crm.organisations.models import Contact, Organisation
from crm.organisations.present import form_errors, language_options
from crm.organisations.views import bp


def _form(current_language: str = "", **kwargs) -> ContactForm:
    form = ContactForm(**kwargs)
    form.set_languages(language_options(current_language))
    return form


def _render_form(organisation, form, contact=None, status=200, conflict=None):
    context = {"organisation": organisation, "form": form, "contact": contact}
    return render_template("organisations/contact_form.html", conflict=conflict, **context), status


@bp.route("/organisations/<int:organisation_id>/contacts/new")
@login_required
def new_contact(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    allow_or_403(can.can_edit_organisation(current_user, organisation))
    return _render_form(organisation, _form())


@bp.route("/organisations/<int:organisation_id>/contacts", methods=["POST"])
@login_required
def create_contact(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    allow_or_403(can.can_edit_organisation(current_user, organisation))
    form = _form(request.form.get("language", ""))
    if not form.validate_on_submit():
        return _render_form(organisation, form, status=422)
    try:
        service.create_contact(organisation, form.to_data())
    except OrganisationError as err:
        db.session.rollback()
        form_errors(form, err)
        return _render_form(organisation, form, status=err.status)
    db.session.commit()
    flash(_("Contact saved."), "success")
    return redirect(url_for("organisations.show", organisation_id=organisation.id), 303)


def _visible_contact_or_403(contact_id: int) -> Contact:
    contact = get_or_404(Contact, contact_id)
    posts = links.contact_posts([contact.id]).get(contact.id, set())
    allow_or_403(can.can_view_contact(current_user, contact, posts))
    return contact


@bp.route("/contacts/<int:contact_id>")
@login_required
def show_contact(contact_id: int):
    contact = _visible_contact_or_403(contact_id)
    return render_template(
        "organisations/contact.html",
        contact=contact,
        organisation=contact.organisation,
        questions=links.questions_of_contact(contact.id, current_user),
        may_edit=can.can_edit_contact(current_user, contact),
        may_manage_data=can.can_manage_personal_data(current_user),
    )


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@login_required
def edit_contact(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    allow_or_403(can.can_edit_organisation(current_user, contact.organisation))
    if contact.erased:
        flash(_("This contact was erased and cannot be changed."), "error")
        return redirect(url_for("organisations.show_contact", contact_id=contact.id), 303)
    data = vars(service.data_of(contact)) | {"version": str(contact.version)}
    form = (
        _form(contact.language, data=data) if request.method == "GET" else _form(contact.language)
    )
    if not form.validate_on_submit():
        return _render_form(contact.organisation, form, contact, 422 if form.errors else 200)
    return _save(contact, form)


def _save(contact: Contact, form: ContactForm):
    try:
        service.update_contact(contact, form.to_data(), form.read_version())
    except VersionConflict as err:
        db.session.rollback()
        db.session.refresh(contact)
        form.version.data = str(contact.version)
        conflict = {"message": err.message, "current": service.snapshot(contact)}
        return _render_form(contact.organisation, form, contact, 409, conflict)
    except OrganisationError as err:
        db.session.rollback()
        form_errors(form, err)
        return _render_form(contact.organisation, form, contact, err.status)
    db.session.commit()
    flash(_("Contact saved."), "success")
    return redirect(url_for("organisations.show_contact", contact_id=contact.id), 303)
