"""CSV export of the filtered list (streamed) and CSV import (preview, then a background job)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import delete
from sqlalchemy.orm import joinedload, selectinload

from crm.audit.service import record
from crm.core.csv_io import csv_download, decode, read_rows
from crm.core.guards import requires, whole_number
from crm.core.i18n import minor_to_decimal
from crm.extensions import db
from crm.questions import jobs as import_jobs
from crm.questions import permissions as can
from crm.questions.csv_io import (
    EXPORT_COLUMNS,
    IMPORT_FIELDS,
    guess_mapping,
    mapping_problems,
)
from crm.questions.forms import ImportUploadForm
from crm.questions.models import ImportDraft, Question
from crm.questions.present import eur_amount, probability_of
from crm.questions.queries import (
    current_rates,
    list_statement,
    parse_filters,
    reference_codes,
    stage_catalog,
)
from crm.questions.views import bp

PREVIEW_ROWS = 5


def _cells(q: Question, catalog, rates) -> list:
    value = q.estimated_value_minor
    return [
        q.id,
        q.title,
        q.description,
        q.country_code,
        q.post_code or "",
        q.organisation.name if q.organisation else "",
        q.owner.email if q.owner else "",
        q.stage_code,
        probability_of(q, catalog),
        "" if value is None else minor_to_decimal(value, q.currency),
        q.currency,
        eur_amount(value, q.currency, rates) or "",
        q.expected_decision or "",
        ";".join(t.code for t in q.themes),
        ";".join(d.code for d in q.disciplines),
        q.next_step,
        q.next_step_due or "",
        q.source,
        q.created_at.isoformat(timespec="seconds"),
        q.updated_at.isoformat(timespec="seconds"),
    ]


@bp.route("/export.csv")
@requires(can.can_export_questions)
def export():
    filters = parse_filters(request.args, reference_codes())
    stmt = list_statement(current_user, filters).options(
        joinedload(Question.owner),
        joinedload(Question.organisation),
        selectinload(Question.themes),
        selectinload(Question.disciplines),
    )
    catalog, rates = stage_catalog(), current_rates()
    record("question.export", object_type=Question.__tablename__, after=filters.args())
    db.session.commit()

    def rows():
        for question in db.session.scalars(stmt.execution_options(yield_per=500)):
            yield _cells(question, catalog, rates)

    return csv_download(rows(), EXPORT_COLUMNS, "questions")


DRAFT_HOURS = 24


def _keep_draft(text: str, filename: str) -> ImportDraft:
    """Keep the file for the next step; the user's older drafts and stale ones go."""
    stale = datetime.now() - timedelta(hours=DRAFT_HOURS)
    db.session.execute(
        delete(ImportDraft).where(
            (ImportDraft.user_id == current_user.id) | (ImportDraft.created_at < stale)
        )
    )
    draft = ImportDraft(
        user_id=current_user.id, filename=filename[:160], text=text, created_at=datetime.now()
    )
    db.session.add(draft)
    db.session.flush()
    return draft


@bp.route("/import", methods=["GET", "POST"])
@requires(can.can_import_questions)
def import_upload():
    form = ImportUploadForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("questions/import.html", form=form), status
    with form.file.data.stream as stream:  # large files are spooled to a temporary file
        text = decode(stream.read())
    try:
        header, rows = read_rows(text)
    except ValueError as exc:
        form.file.errors = [_("Not a readable CSV file (%(why)s).", why=exc)]
        return render_template("questions/import.html", form=form), 422
    if not header or not rows:
        form.file.errors = [_("The file needs a header line and at least one row.")]
        return render_template("questions/import.html", form=form), 422
    draft = _keep_draft(text, form.file.data.filename or "")
    db.session.commit()
    return _preview(draft, header, rows, guess_mapping(header))


def _bad_rows(text: str, mapping: list[str]) -> list[tuple[int, str, str]]:
    """Every problem of every row, found before anything is queued (the job checks again)."""
    from crm.jobs.service import JobError

    try:
        _checked, bad, _count = import_jobs.check_all(
            text, mapping, import_jobs.load_refs(current_user), lambda *_args: None
        )
    except JobError as err:
        return [(0, "file", str(err))]
    return bad


def _preview(draft, header, rows, mapping, problems=(), bad_rows=(), status=200):
    return render_template(
        "questions/import_preview.html",
        draft=draft,
        columns=list(zip(header, mapping, strict=True)),
        sample=[cells for _line, cells in rows[:PREVIEW_ROWS]],
        row_count=len(rows),
        fields=IMPORT_FIELDS,
        problems=problems,
        bad_rows=bad_rows,
        bad_lines=len({line for line, _field, _message in bad_rows}),
    ), status


def _draft() -> ImportDraft | None:
    draft_id = whole_number(request.form.get("draft"))
    draft = db.session.get(ImportDraft, draft_id) if draft_id is not None else None
    return draft if draft is not None and draft.user_id == current_user.id else None


@bp.route("/import/start", methods=["POST"])
@requires(can.can_import_questions)
def import_start():
    from crm.jobs.service import enqueue

    draft = _draft()
    if draft is None:
        flash(_("That file is no longer here: read it again."), "error")
        return redirect(url_for("questions.import_upload"), 303)
    header, rows = read_rows(draft.text)
    mapping = [request.form.get(f"column_{i}", "") for i in range(len(header))]
    problems = mapping_problems(mapping)
    bad = [] if problems else _bad_rows(draft.text, mapping)
    if problems or bad:
        return _preview(draft, header, rows, mapping, problems, bad, status=422)
    title = ngettext("Import of %(num)s question", "Import of %(num)s questions", len(rows))
    job = enqueue(import_jobs.JOB_KIND, current_user, title, {"mapping": mapping}, draft.text)
    db.session.delete(draft)
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)
