"""API endpoints for organisations and contacts, in the style of api.md."""

from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select

from crm.api import ApiError, answer_errors, api_route, json_body, paginate_query, require
from crm.core.guards import get_or_404
from crm.extensions import db
from crm.organisations import contacts as contact_service
from crm.organisations import links, service
from crm.organisations import permissions as can
from crm.organisations.errors import OrganisationError, PossibleDuplicate
from crm.organisations.models import Contact, Organisation
from crm.organisations.queries import ListFilters, country_codes, list_statement
from crm.organisations.schemas import (
    ContactIn,
    ContactList,
    ContactOut,
    ContactPatch,
    OrganisationIn,
    OrganisationList,
    OrganisationOut,
    OrganisationPatch,
    contact_json,
    organisation_json,
    summary_json,
)

LIST_QUERY = {
    "q": "full text over name, city, notes and contact persons",
    "country": "country code",
    "kind": "organisation kind",
    "city": "city (exact, any case)",
    "sort": "name, city, updated (relevance when q is given)",
    "page": "page number, from 1",
    "per_page": "rows per page, 1 to 200",
}


def _refusal(err: OrganisationError) -> ApiError:
    """A refused use-case in the error format; a likely duplicate says how to insist."""
    db.session.rollback()
    if isinstance(err, PossibleDuplicate):
        similar = "; ".join(f"#{c.id} {c.name}" for c in err.candidates)
        message = f"{err.message} Send confirm_new: true to create it anyway."
        return ApiError(409, message, {"name": [f"close to {similar}"]})
    return ApiError(err.status, err.message, err.fields or None)


answer_errors(OrganisationError, _refusal)


def _answer(organisation: Organisation, status: int = 200):
    db.session.refresh(organisation)
    contacts = links.visible_contacts(current_user, organisation.contacts)
    question_ids = links.visible_question_ids(organisation.id, current_user)
    return jsonify(organisation_json(organisation, contacts, question_ids)), status


@api_route(
    "/organisations", ["GET"], summary="List organisations", response=OrganisationList,
    tag="organisations", query=LIST_QUERY,
)  # fmt: skip
@login_required
def list_organisations():
    require(can.can_list_organisations(current_user))
    filters = ListFilters.from_args(request.args, country_codes())
    if filters.errors:
        raise ApiError(422, "Invalid query parameters.", filters.errors)
    return jsonify(paginate_query(list_statement(current_user, filters), summary_json))


@api_route(
    "/organisations", ["POST"], summary="Create an organisation", body=OrganisationIn,
    response=OrganisationOut, status=201, tag="organisations",
)  # fmt: skip
@login_required
def create_organisation():
    require(can.can_create_organisation(current_user))
    body = json_body(OrganisationIn)
    require(
        can.can_create_organisation(current_user, body.country.upper()),
        message="You can only add organisations of your own country.",
    )
    data = service.OrganisationData(**body.model_dump(exclude={"confirm_new"}))
    organisation = service.create_organisation(data, body.confirm_new)
    db.session.commit()
    return _answer(organisation, 201)


@api_route(
    "/organisations/<int:organisation_id>", ["GET"], response=OrganisationOut,
    summary="An organisation with its contacts and question ids", tag="organisations",
)  # fmt: skip
@login_required
def get_organisation(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    require(can.can_view_organisation(current_user, organisation))
    return _answer(organisation)


@api_route(
    "/organisations/<int:organisation_id>", ["PATCH"], body=OrganisationPatch,
    response=OrganisationOut, tag="organisations",
    summary="Change fields of an organisation (send the version you read)",
)  # fmt: skip
@login_required
def patch_organisation(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    require(can.can_edit_organisation(current_user, organisation))
    body = json_body(OrganisationPatch)
    data = service.data_of(organisation)
    for name in body.model_fields_set - {"version"}:
        value = getattr(body, name)
        if value is None and name in ("country", "name", "kind"):
            raise ApiError(422, "Some fields are invalid.", {name: ["cannot be null"]})
        setattr(data, name, value)
    require(can.can_create_organisation(current_user, (data.country or "").upper()))
    service.update_organisation(organisation, data, body.version)
    db.session.commit()
    return _answer(organisation)


@api_route(
    "/organisations/<int:organisation_id>/contacts", ["GET"], response=ContactList,
    summary="The contact persons of an organisation you may see", tag="organisations",
)  # fmt: skip
@login_required
def list_contacts(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    require(can.can_view_organisation(current_user, organisation))
    stmt = select(Contact).where(Contact.organisation_id == organisation.id)
    if not can.can_see_all_contacts(current_user):
        visible = links.visible_contacts(current_user, organisation.contacts)
        stmt = stmt.where(Contact.id.in_([c.id for c in visible]))
    return jsonify(paginate_query(stmt.order_by(Contact.name, Contact.id), contact_json))


@api_route(
    "/organisations/<int:organisation_id>/contacts", ["POST"], body=ContactIn,
    response=ContactOut, status=201, summary="Add a contact person", tag="organisations",
)  # fmt: skip
@login_required
def create_contact(organisation_id: int):
    organisation = get_or_404(Organisation, organisation_id)
    require(can.can_edit_organisation(current_user, organisation))
    body = json_body(ContactIn)
    contact = contact_service.create_contact(
        organisation, contact_service.ContactData(**body.model_dump())
    )
    db.session.commit()
    return jsonify(contact_json(contact)), 201


def _contact_or_403(contact_id: int) -> Contact:
    contact = get_or_404(Contact, contact_id)
    posts = links.contact_posts([contact.id]).get(contact.id, set())
    require(can.can_view_contact(current_user, contact, posts))
    return contact


@api_route(
    "/contacts/<int:contact_id>", ["GET"], response=ContactOut, summary="A contact person",
    tag="organisations",
)  # fmt: skip
@login_required
def get_contact(contact_id: int):
    return jsonify(contact_json(_contact_or_403(contact_id)))


@api_route(
    "/contacts/<int:contact_id>", ["PATCH"], body=ContactPatch, response=ContactOut,
    summary="Change a contact person (send the version you read)", tag="organisations",
)  # fmt: skip
@login_required
def patch_contact(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    require(can.can_edit_organisation(current_user, contact.organisation))
    body = json_body(ContactPatch)
    data = contact_service.data_of(contact)
    for name in body.model_fields_set - {"version"}:
        value = getattr(body, name)
        if value is None and name == "name":
            raise ApiError(422, "Some fields are invalid.", {name: ["cannot be null"]})
        setattr(data, name, value or "")
    contact_service.update_contact(contact, data, body.version)
    db.session.commit()
    return jsonify(contact_json(contact))
