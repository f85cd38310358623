"""Pages of the jobs feature: a job with its progress bar (polled), the user's job list."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from crm.auth.permissions import is_admin
from crm.core.guards import allow_or_403, get_or_404, requires
from crm.core.templating import ACCOUNT_MENU, current_page
from crm.extensions import db
from crm.jobs import service
from crm.jobs.models import Job
from crm.jobs.permissions import can_start_self_check, can_view_job
from crm.jobs.progress import current_progress

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

ALL_ROLES = frozenset({"admin", "topteam", "bd", "post", "firm"})
ACCOUNT_MENU.append(("jobs.index", _l("Jobs"), ALL_ROLES))
SELF_CHECK_STEPS = 20
STATUS_LABELS = {
    "queued": _l("queued"),
    "running": _l("running"),
    "done": _l("done"),
    "failed": _l("failed"),
}

KIND_LABELS = {
    "jobs.self_check": _l("Self-check"),
    "questions.import_csv": _l("Import of questions"),
    "organisations.import_csv": _l("Import of organisations and contacts"),
    "fees.import_ecb": _l("Import of ECB exchange rates"),
}
# Result keys the handlers return (kept stable for the API and tests), as readers see them.
RESULT_LABELS = {
    "imported": _l("Imported"),
    "first_id": _l("First new id"),
    "last_id": _l("Last new id"),
    "steps": _l("Steps"),
    "database": _l("Database"),
    "users": _l("Users"),
    "countries": _l("Countries"),
    "stages": _l("Stages"),
    "job kinds": _l("Kinds of job"),
    "organisations_created": _l("Organisations created"),
    "organisations_reused": _l("Organisations already there"),
    "contacts_added": _l("Contacts added"),
    "contacts_already_there": _l("Contacts already there"),
}


@bp.app_template_global()
def job_status_label(status: str):
    return STATUS_LABELS.get(status, status)


@bp.app_template_global()
def job_kind_label(kind: str):
    return KIND_LABELS.get(kind, kind)


@bp.app_template_global()
def job_result_label(key: str):
    return RESULT_LABELS.get(key, key)


def _job_context(job_id: int) -> dict:
    job = get_or_404(Job, job_id)
    allow_or_403(can_view_job(current_user, job))
    done, total = current_progress(job)
    return {"job": job, "done": done, "total": total}


@bp.route("")
@login_required
def index():
    everyone = is_admin(current_user) and request.args.get("all") == "1"
    page, per_page = current_page()
    jobs = db.paginate(
        service.jobs_for(current_user, everyone), page=page, per_page=per_page, error_out=False
    )
    return render_template("jobs/index.html", jobs=jobs, everyone=everyone)


@bp.route("/<int:job_id>")
@login_required
def show(job_id: int):
    return render_template("jobs/show.html", **_job_context(job_id))


@bp.route("/<int:job_id>/status")
@login_required
def status(job_id: int):
    return render_template("jobs/_status.html", **_job_context(job_id))


@bp.route("/self-check", methods=["POST"])
@requires(can_start_self_check)
def start_self_check():
    job = service.enqueue(
        "jobs.self_check",
        current_user,
        _("Self-check"),
        payload={"steps": SELF_CHECK_STEPS, "delay_ms": 250},
    )
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)
