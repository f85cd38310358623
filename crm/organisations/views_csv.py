"""CSV export of organisations with their contacts (streamed) and CSV import (a job)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from crm.audit.service import record
from crm.core.csv_io import csv_download, decode
from crm.core.guards import requires
from crm.extensions import db
from crm.jobs.service import JobError, enqueue
from crm.organisations import jobs
from crm.organisations import permissions as can
from crm.organisations.csv_io import EXPORT_COLUMNS, export_rows
from crm.organisations.forms import ImportForm
from crm.organisations.models import Organisation
from crm.organisations.queries import ListFilters, country_codes, list_statement
from crm.organisations.views import bp


@bp.route("/organisations/export.csv")
@requires(can.can_export_organisations)
def export():
    filters = ListFilters.from_args(request.args, country_codes())
    stmt = list_statement(current_user, filters).options(selectinload(Organisation.contacts))
    record("organisation.export", object_type="organisations", after=filters.args())
    db.session.commit()

    def organisations():
        yield from db.session.scalars(stmt.execution_options(yield_per=500))

    return csv_download(export_rows(organisations()), EXPORT_COLUMNS, "organisations")


def _render(form, problems=(), message=None, status=200):
    return render_template(
        "organisations/import.html",
        form=form,
        problems=problems,
        message=message,
        columns=EXPORT_COLUMNS,
    ), status


@bp.route("/organisations/import", methods=["GET", "POST"])
@requires(can.can_import_organisations)
def import_upload():
    form = ImportForm()
    if not form.validate_on_submit():
        return _render(form, status=422 if request.method == "POST" else 200)
    text = decode(form.file.data.read())
    try:
        checked, bad = jobs.check_text(text, jobs.load_refs(current_user))
    except JobError as err:
        form.file.errors = [str(err)]
        return _render(form, status=422)
    if bad:
        message = jobs.problem_report(bad, len(checked)).splitlines()[0]
        return _render(form, bad, message, 422)
    title = _("Import of %(n)s organisation rows", n=len(checked))
    job = enqueue(jobs.IMPORT_KIND, current_user, title, {}, text)
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)
