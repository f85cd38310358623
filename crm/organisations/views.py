"""Pages of the organisations feature: list, detail, create (with the duplicate warning), edit.

Contacts are in views_contacts.py, merging and personal data in views_admin.py, CSV in
views_csv.py; all share `bp`.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from crm.core.guards import allow_or_403, get_or_404, requires, whole_number
from crm.core.htmx import is_fragment_request
from crm.core.templating import NAVIGATION
from crm.extensions import db
from crm.organisations import permissions as can
from crm.organisations import service
from crm.organisations.detail import detail_context
from crm.organisations.domain import display_phone
from crm.organisations.errors import OrganisationError, PossibleDuplicate, VersionConflict
from crm.organisations.forms import OrganisationForm, kind_label
from crm.organisations.models import Organisation
from crm.organisations.present import form_errors, list_context

bp = Blueprint("organisations", __name__)
bp.add_app_template_filter(kind_label, "organisation_kind")
bp.add_app_template_filter(display_phone, "phone")

NAVIGATION.append(
    ("organisations.index", _l("Organisations"), frozenset({"bd", "topteam", "admin", "post"}))
)


@bp.route("/organisations")
@requires(can.can_list_organisations)
def index():
    context = list_context(current_user, request.args)
    if is_fragment_request():
        return render_template("organisations/_results.html", **context)
    return render_template("organisations/index.html", **context)


def _new_form() -> OrganisationForm:
    from crm.organisations.queries import country_options

    form = OrganisationForm()
    form.set_countries(country_options())
    return form


def _render_new(form, candidates=(), status=200):
    similar = candidates
    if not similar and form.name.data and len(form.name.data) >= 3:
        similar = service.similar_organisations(form.country.data or "", form.name.data)
    context = {"form": form, "candidates": candidates, "similar": similar}
    return render_template("organisations/new.html", **context), status


@bp.route("/organisations/new")
@requires(can.can_create_organisation)
def new():
    form = _new_form()
    if not form.is_submitted():
        form.country.data = current_user.country_code or form.country.data
        form.name.data = request.args.get("name", "")[:200]
    return _render_new(form)


@bp.route("/organisations", methods=["POST"])
@requires(can.can_create_organisation)
def create():
    form = _new_form()
    if not form.validate_on_submit():
        return _render_new(form, status=422)
    allow_or_403(can.can_create_organisation(current_user, form.country.data))
    try:
        organisation = service.create_organisation(form.to_data(), bool(form.confirm_new.data))
    except PossibleDuplicate as err:
        return _render_new(form, err.candidates, 409)
    except OrganisationError as err:
        form_errors(form, err)
        return _render_new(form, status=err.status)
    db.session.commit()
    flash(_("Organisation saved."), "success")
    return redirect(url_for("organisations.show", organisation_id=organisation.id), 303)


@bp.route("/organisations/similar")
@requires(can.can_create_organisation)
def similar():
    """HTMX: organisations close to the name being typed, to pick instead of a duplicate."""
    country = (request.args.get("country") or "").upper()[:2]
    name = (request.args.get("name") or "")[:200]
    candidates = service.similar_organisations(country, name) if len(name) >= 3 else []
    return render_template("organisations/_similar.html", candidates=candidates)


@bp.route("/organisations/<int:organisation_id>")
@login_required
def show(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    allow_or_403(can.can_view_organisation(current_user, organisation))
    page = whole_number(request.args.get("questions_page"), 999_999) or 1
    context = detail_context(organisation, current_user, page)
    return render_template("organisations/show.html", **context)


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    allow_or_403(can.can_edit_organisation(current_user, organisation))
    form = _edit_form(organisation)
    conflict = None
    if form.validate_on_submit():
        allow_or_403(can.can_create_organisation(current_user, form.country.data))
        try:
            service.update_organisation(organisation, form.to_data(), form.read_version())
            db.session.commit()
            flash(_("Organisation saved."), "success")
            return redirect(url_for("organisations.show", organisation_id=organisation.id), 303)
        except VersionConflict as err:
            conflict = _conflict(organisation, form, err)
        except OrganisationError as err:
            db.session.rollback()
            form_errors(form, err)
    status = 409 if conflict else (422 if form.errors else 200)
    context = {"form": form, "organisation": organisation, "conflict": conflict}
    return render_template("organisations/edit.html", **context), status


def _edit_form(organisation: Organisation) -> OrganisationForm:
    from crm.organisations.queries import country_options

    data = vars(service.data_of(organisation)) | {"version": str(organisation.version)}
    form = OrganisationForm(data=data) if request.method == "GET" else OrganisationForm()
    form.set_countries(country_options())
    return form


def _conflict(organisation: Organisation, form: OrganisationForm, err: VersionConflict) -> dict:
    db.session.rollback()
    db.session.refresh(organisation)
    form.version.data = str(organisation.version)
    return {"message": err.message, "current": service.snapshot(organisation)}


from crm.organisations import (  # noqa: E402, F401
    cli,
    privacy,
    views_admin,
    views_attention,
    views_contacts,
    views_csv,
    views_picker,
)
