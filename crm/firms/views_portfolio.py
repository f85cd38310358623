"""Portfolio pages: items (create, show, edit, delete, order) and their files."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from crm.core.guards import MAX_ID, allow_or_403
from crm.core.htmx import is_fragment_request
from crm.extensions import db
from crm.firms import permissions as perm
from crm.firms import portfolio
from crm.firms.errors import FirmError
from crm.firms.forms import ActionForm, PortfolioItemForm, UploadForm
from crm.firms.models import PortfolioFile, PortfolioItem
from crm.firms.queries import load_firm, load_item
from crm.firms.views import _form_errors, bp
from crm.uploads import UploadError, send_stored_file


def _item_or_404(item_id: int) -> PortfolioItem:
    return load_item(item_id) or abort(404)


def _file_or_404(file_id: int) -> PortfolioFile:
    if file_id > MAX_ID:
        abort(404)
    options = (joinedload(PortfolioFile.item), joinedload(PortfolioFile.stored))
    return db.session.get(PortfolioFile, file_id, options=options) or abort(404)


def _direction() -> str:
    return "up" if request.form.get("direction") == "up" else "down"


@bp.route("/firms/<int:firm_id>/portfolio/new", methods=["GET", "POST"])
@login_required
def item_new(firm_id: int):
    firm = load_firm(firm_id) or abort(404)
    allow_or_403(perm.can_edit_firm(current_user, firm))
    form = PortfolioItemForm()
    if form.validate_on_submit():
        try:
            item = portfolio.create_item(firm, form.values())
        except FirmError as err:
            _form_errors(form, err)
        else:
            db.session.commit()
            flash(_("Item added. Now upload its images and PDFs."), "success")
            return redirect(url_for("firms.item_show", item_id=item.id), 303)
    status = 422 if form.errors else 200
    return render_template("firms/item_form.html", form=form, firm=firm, item=None), status


@bp.route("/portfolio-items/<int:item_id>")
@login_required
def item_show(item_id: int):
    item = _item_or_404(item_id)
    allow_or_403(perm.can_view_item(current_user, item))
    return render_template(
        "firms/item.html", item=item, upload_form=UploadForm(), action_form=ActionForm(), perm=perm
    )


@bp.route("/portfolio-items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def item_edit(item_id: int):
    item = _item_or_404(item_id)
    allow_or_403(perm.can_edit_item(current_user, item))
    form = (
        PortfolioItemForm(data=_item_data(item)) if request.method == "GET" else PortfolioItemForm()
    )
    if form.validate_on_submit():
        try:
            portfolio.update_item(item, form.values())
        except FirmError as err:
            _form_errors(form, err)
        else:
            db.session.commit()
            flash(_("Item saved."), "success")
            return redirect(url_for("firms.item_show", item_id=item.id), 303)
    status = 422 if form.errors else 200
    return render_template("firms/item_form.html", form=form, firm=item.firm, item=item), status


def _item_data(item: PortfolioItem) -> dict:
    return {
        **portfolio.item_summary(item),
        "country": item.country_code or "",
    }


@bp.route("/portfolio-items/<int:item_id>/delete", methods=["POST"])
@login_required
def item_delete(item_id: int):
    item = _item_or_404(item_id)
    allow_or_403(perm.can_edit_item(current_user, item))
    firm_id = item.firm_id
    portfolio.delete_item(item)
    db.session.commit()
    flash(_("Item deleted."), "success")
    return redirect(url_for("firms.show", firm_id=firm_id), 303)


@bp.route("/portfolio-items/<int:item_id>/move", methods=["POST"])
@login_required
def item_move(item_id: int):
    item = _item_or_404(item_id)
    allow_or_403(perm.can_edit_item(current_user, item))
    portfolio.move_item(item, _direction())
    db.session.commit()
    return redirect(url_for("firms.show", firm_id=item.firm_id, _anchor="portfolio"), 303)


@bp.route("/portfolio-items/<int:item_id>/files", methods=["POST"])
@login_required
def file_upload(item_id: int):
    item = _item_or_404(item_id)
    allow_or_403(perm.can_edit_item(current_user, item))
    form, error, status = UploadForm(), None, 200
    if form.validate_on_submit():
        try:
            portfolio.add_file(item, form.file.data, current_user)
            db.session.commit()
        except (UploadError, FirmError) as err:
            db.session.rollback()
            error, status = err.message, getattr(err, "status", 422)
    else:
        error, status = " ".join(form.file.errors) or _("Choose a file to upload."), 422
    return _files_response(item_id, error, status)


def _files_response(item_id: int, error: str | None, status: int):
    item = _item_or_404(item_id)
    context = {"item": item, "upload_form": UploadForm(), "action_form": ActionForm()}
    if is_fragment_request():
        return render_template("firms/_files.html", error=error, perm=perm, **context), status
    if error:
        return render_template("firms/item.html", error=error, perm=perm, **context), status
    flash(_("File uploaded."), "success")
    return redirect(url_for("firms.item_show", item_id=item_id), 303)


def _file_action(file_id: int, action) -> object:
    portfolio_file = _file_or_404(file_id)
    allow_or_403(perm.can_edit_item(current_user, portfolio_file.item))
    item_id, error, status = portfolio_file.item_id, None, 200
    try:
        action(portfolio_file)
        db.session.commit()
    except FirmError as err:
        db.session.rollback()
        error, status = err.message, 422
    if not is_fragment_request() and not error:
        return redirect(url_for("firms.item_show", item_id=item_id), 303)
    return _files_response(item_id, error, status)


@bp.route("/portfolio-files/<int:file_id>/delete", methods=["POST"])
@login_required
def file_delete(file_id: int):
    return _file_action(file_id, portfolio.remove_file)


@bp.route("/portfolio-files/<int:file_id>/cover", methods=["POST"])
@login_required
def file_cover(file_id: int):
    return _file_action(file_id, portfolio.set_cover)


@bp.route("/portfolio-files/<int:file_id>/move", methods=["POST"])
@login_required
def file_move(file_id: int):
    direction = _direction()
    return _file_action(file_id, lambda f: portfolio.move_file(f, direction))


@bp.route("/portfolio-files/<int:file_id>")
@login_required
def file_original(file_id: int):
    portfolio_file = _file_or_404(file_id)
    allow_or_403(perm.can_view_item(current_user, portfolio_file.item))
    download = request.args.get("download") == "1"
    return send_stored_file(portfolio_file.stored, as_attachment=download)


@bp.route("/portfolio-files/<int:file_id>/thumb")
@login_required
def file_thumb(file_id: int):
    portfolio_file = _file_or_404(file_id)
    allow_or_403(perm.can_view_item(current_user, portfolio_file.item))
    return send_stored_file(portfolio_file.stored, variant="thumb")
