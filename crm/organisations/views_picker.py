"""HTMX endpoints of the organisation picker on the question forms: suggestions as you type,
picking one, and creating a new organisation inline."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user, login_required

from crm.core.guards import allow_or_403, get_or_404, requires
from crm.extensions import db
from crm.organisations import permissions as can
from crm.organisations import service
from crm.organisations.domain import name_key
from crm.organisations.errors import OrganisationError, PossibleDuplicate
from crm.organisations.models import Organisation
from crm.organisations.picker import Inline, make_picker, picker_for_form, suggestions
from crm.organisations.views import bp

bp.add_app_template_global(picker_for_form, "organisation_picker")


def _render(picker, status: int = 200):
    picker.fragment = True
    return render_template("organisations/_picker.html", picker=picker), status


@bp.route("/organisations/suggest")
@requires(can.can_list_organisations)
def suggest():
    text = (request.args.get("organisation") or "")[:200]
    country = request.args.get("country")
    found = suggestions(current_user, country, text)
    picker = make_picker(current_user, country, text)
    exact = any(o.name_key == name_key(text) for o in found)
    return render_template(
        "organisations/_suggestions.html", found=found, text=text.strip(), picker=picker,
        exact=exact,
    )  # fmt: skip


@bp.route("/organisations/pick/<int:organisation_id>")
@login_required
def pick(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    allow_or_403(can.can_view_organisation(current_user, organisation))
    return _render(make_picker(current_user, organisation.country_code, "", organisation))


@bp.route("/organisations/inline")
@requires(can.can_create_organisation)
def inline_form():
    country = request.args.get("country")
    picker = make_picker(current_user, country, (request.args.get("organisation") or "")[:200])
    picker.inline = Inline()
    return _render(picker)


@bp.route("/organisations/inline", methods=["POST"])
@requires(can.can_create_organisation)
def inline_create():
    form = request.form
    data = service.OrganisationData(
        country=(form.get("country") or current_user.country_code or "")[:2],
        name=(form.get("organisation") or "")[:200],
        kind=form.get("new_organisation_kind") or "other",
        city=(form.get("new_organisation_city") or "")[:120],
    )
    allow_or_403(can.can_create_organisation(current_user, data.country.upper()))
    picker = make_picker(current_user, data.country, data.name)
    picker.inline = Inline(kind=data.kind, city=data.city)
    try:
        organisation = service.create_organisation(data, form.get("confirm_new") == "y")
    except PossibleDuplicate as err:
        picker.inline.candidates = err.candidates
        return _render(picker, 409)
    except OrganisationError as err:
        db.session.rollback()
        picker.inline.errors = err.fields
        return _render(picker, 422)
    db.session.commit()
    return _render(make_picker(current_user, organisation.country_code, "", organisation))
