"""API endpoints for firms, portfolio items and their files (api.md)."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.api import ApiError, answer_errors, api_route, json_body, paginate_query, require
from crm.extensions import db
from crm.firms import permissions as perm
from crm.firms import portfolio, service
from crm.firms.errors import FirmError, VersionConflict
from crm.firms.queries import DirectoryFilters, directory_query, load_firm, load_item, visible_items
from crm.firms.schemas import (
    FileCreated,
    FileOut,
    FirmIn,
    FirmList,
    FirmOut,
    FirmPatch,
    FirmSummaryOut,
    PortfolioItemIn,
    PortfolioItemOut,
)
from crm.uploads import UploadError

FIRM_QUERY = {
    "q": "full text over firm and portfolio text",
    "discipline": "discipline code",
    "theme": "theme code (of a portfolio item the caller may see)",
    "size": "firm size code",
    "city": "city (exact, any case)",
    "country": "country code where the firm has worked",
    "sort": "relevance, name, city or updated (anything else: the default order)",
}


def _firm_or_404(firm_id: int):
    firm = load_firm(firm_id)
    if firm is None:
        raise ApiError(404, _("No such firm."))
    return firm


def _firm_error(err: FirmError) -> ApiError:
    db.session.rollback()
    return ApiError(422, err.message, {k: [v] for k, v in err.fields.items()})


def _version_conflict(_err: VersionConflict) -> ApiError:
    db.session.rollback()
    return ApiError(409, _("The firm was changed by someone else: read it again."))


def _upload_refused(err: UploadError) -> ApiError:
    db.session.rollback()
    return ApiError(err.status, err.message, {"file": [err.message]})


answer_errors(FirmError, _firm_error)
answer_errors(VersionConflict, _version_conflict)
answer_errors(UploadError, _upload_refused)


def _firm_out(firm) -> dict:
    items = [PortfolioItemOut.of(i) for i in visible_items(current_user, firm.id)]
    return FirmOut(**FirmSummaryOut.fields_of(firm), portfolio_items=items).model_dump(mode="json")


@api_route(
    "/firms",
    ["GET"],
    summary="The firm directory",
    response=FirmList,
    tag="firms",
    query=FIRM_QUERY,
)
@login_required
def list_firms():
    require(perm.can_browse_firms(current_user))
    stmt = directory_query(current_user, DirectoryFilters.from_args(request.args))
    return jsonify(
        paginate_query(
            stmt, lambda f: FirmSummaryOut(**FirmSummaryOut.fields_of(f)).model_dump(mode="json")
        )
    )


@api_route(
    "/firms",
    ["POST"],
    summary="Create a firm",
    body=FirmIn,
    response=FirmOut,
    status=201,
    tag="firms",
)
@login_required
def create_firm():
    require(perm.can_create_firm(current_user))
    data = json_body(FirmIn)
    firm = service.create_firm(data.model_dump())
    db.session.commit()
    return jsonify(_firm_out(firm)), 201


@api_route(
    "/firms/<int:firm_id>",
    ["GET"],
    summary="A firm with the portfolio items you may see",
    response=FirmOut,
    tag="firms",
)
@login_required
def get_firm(firm_id: int):
    firm = _firm_or_404(firm_id)
    require(perm.can_view_firm(current_user, firm))
    return jsonify(_firm_out(firm))


@api_route(
    "/firms/<int:firm_id>",
    ["PATCH"],
    summary="Change a firm (send the version you read)",
    body=FirmPatch,
    response=FirmOut,
    tag="firms",
)
@login_required
def patch_firm(firm_id: int):
    firm = _firm_or_404(firm_id)
    require(perm.can_edit_firm(current_user, firm))
    data = json_body(FirmPatch)
    changes = data.model_dump(exclude_unset=True)
    version = changes.pop("version")
    service.update_firm(firm, changes, version)
    db.session.commit()
    return jsonify(_firm_out(firm))


@api_route(
    "/firms/<int:firm_id>/portfolio-items",
    ["POST"],
    summary="Add a portfolio item",
    body=PortfolioItemIn,
    response=PortfolioItemOut,
    status=201,
    tag="firms",
)
@login_required
def create_portfolio_item(firm_id: int):
    firm = _firm_or_404(firm_id)
    require(perm.can_edit_firm(current_user, firm))
    data = json_body(PortfolioItemIn)
    item = portfolio.create_item(firm, data.model_dump())
    db.session.commit()
    return jsonify(PortfolioItemOut.of(item).model_dump(mode="json")), 201


@api_route(
    "/portfolio-items/<int:item_id>/files",
    ["POST"],
    summary="Upload an image (JPEG, PNG, WebP) or a PDF to a portfolio item",
    response=FileCreated,
    status=201,
    multipart=True,
    tag="firms",
)
@login_required
def upload_portfolio_file(item_id: int):
    item = load_item(item_id)
    if item is None:
        raise ApiError(404, _("No such portfolio item."))
    require(perm.can_edit_item(current_user, item))
    upload = request.files.get("file") if request.mimetype == "multipart/form-data" else None
    if upload is None:
        raise ApiError(
            422,
            _("Send the file as multipart/form-data in the field `file`."),
            {"file": ["required"]},
        )
    portfolio_file = portfolio.add_file(item, upload, current_user)
    db.session.commit()
    body = FileCreated(**FileOut.of(portfolio_file).model_dump(), item_id=item.id)
    return jsonify(body.model_dump(mode="json")), 201
