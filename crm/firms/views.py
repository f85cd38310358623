"""Pages of the firms feature: the directory, a firm's page, creating and editing a firm.

Portfolio pages are in views_portfolio.py, members in views_members.py (same blueprint).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from crm.core.guards import allow_or_403, requires, whole_number
from crm.core.htmx import is_fragment_request
from crm.core.templating import NAVIGATION
from crm.extensions import db
from crm.firms import permissions as perm
from crm.firms import service
from crm.firms.choices import country_name, language_name
from crm.firms.errors import FirmError, VersionConflict
from crm.firms.export import export_zip
from crm.firms.forms import FirmForm
from crm.firms.labels import directory_choices
from crm.firms.queries import (
    DirectoryFilters,
    card_infos,
    city_choices,
    directory_query,
    load_firm,
    paginate,
    visible_items,
)
from crm.uploads.service import human_size

bp = Blueprint("firms", __name__)
bp.add_app_template_filter(human_size, "filesize")
bp.add_app_template_filter(country_name, "country_name")
bp.add_app_template_filter(language_name, "language_name")

NAVIGATION.append(("firms.index", _l("Firms"), frozenset({"bd", "topteam", "admin", "firm"})))
NAVIGATION.append(("firms.mine", _l("My firm"), frozenset({"firm"})))


def _firm_or_404(firm_id: int):
    return load_firm(firm_id) or abort(404)


@bp.route("/firms")
@requires(perm.can_browse_firms)
def index():
    filters = DirectoryFilters.from_args(request.args)
    page = paginate(directory_query(current_user, filters), filters.page, 24)
    page.extra = card_infos(current_user, [f.id for f in page.items])
    context = {"page": page, "filters": filters, "can_create": perm.can_create_firm(current_user)}
    if is_fragment_request():
        return render_template("firms/_results.html", **context)
    return render_template(
        "firms/index.html", choices=directory_choices(), cities=city_choices(), **context
    )


@bp.route("/firms/mine")
@login_required
def mine():
    allow_or_403(current_user.role == "firm" and current_user.firm_id is not None)
    return redirect(url_for("firms.show", firm_id=current_user.firm_id), 303)


@bp.route("/firms/new", methods=["GET", "POST"])
@requires(perm.can_create_firm)
def new():
    form = FirmForm()
    if form.validate_on_submit():
        try:
            firm = service.create_firm(form.values())
        except FirmError as err:
            _form_errors(form, err)
        else:
            db.session.commit()
            flash(_("Firm created. Invite its first member from the members page."), "success")
            return redirect(url_for("firms.show", firm_id=firm.id), 303)
    return render_template("firms/form.html", form=form, firm=None), 422 if form.errors else 200


@bp.route("/firms/<int:firm_id>")
@login_required
def show(firm_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_view_firm(current_user, firm))
    items = visible_items(current_user, firm.id)
    return render_template("firms/show.html", firm=firm, items=items, perm=perm)


@bp.route("/firms/<int:firm_id>/edit", methods=["GET", "POST"])
@login_required
def edit(firm_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_edit_firm(current_user, firm))
    form = FirmForm(data=_form_data(firm)) if request.method == "GET" else FirmForm()
    if form.validate_on_submit():
        version = whole_number(form.version.data)
        try:
            service.update_firm(firm, form.values(), version)
        except VersionConflict:
            return _conflict(firm, form)
        except FirmError as err:
            _form_errors(form, err)
        else:
            db.session.commit()
            flash(_("Profile saved."), "success")
            return redirect(url_for("firms.show", firm_id=firm.id), 303)
    return render_template("firms/form.html", form=form, firm=firm), 422 if form.errors else 200


def _form_data(firm) -> dict:
    return {
        "name": firm.name,
        "kvk": firm.kvk,
        "city": firm.city,
        "website": firm.website,
        "description": firm.description,
        "size": firm.size_code,
        "disciplines": firm.discipline_codes,
        "languages": list(firm.languages or []),
        "countries": firm.country_codes,
        "version": str(firm.version),
    }


def _form_errors(form, err: FirmError) -> None:
    db.session.rollback()
    for name, message in err.fields.items():
        target = getattr(form, name, None)
        if target is not None:
            target.errors = [*target.errors, message]
        else:
            form.form_errors.append(message)


def _conflict(firm, form):
    db.session.rollback()
    db.session.refresh(firm)
    message = _(
        "Someone else saved this profile while you were editing. Your changes are below and "
        "were not saved; the current profile is shown beside them. Save again to overwrite."
    )
    form.version.data = str(firm.version)
    return render_template("firms/form.html", form=form, firm=firm, conflict=message), 409


@bp.route("/firms/<int:firm_id>/export.zip")
@login_required
def export(firm_id: int):
    firm = _firm_or_404(firm_id)
    allow_or_403(perm.can_export_firm(current_user, firm))
    archive = export_zip(firm)
    db.session.commit()
    name = f"firm-{firm.id}-export.zip"
    return send_file(archive, mimetype="application/zip", as_attachment=True, download_name=name)


from crm.firms import panels, views_members, views_portfolio  # noqa: E402,F401 - add routes
