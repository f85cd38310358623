"""The job worker: `flask --app wsgi crm worker`, or a thread inside the development server.

Several workers may run at once (processes or hosts): a job is claimed with a conditional
UPDATE (and `FOR UPDATE SKIP LOCKED` on PostgreSQL), so each runs exactly once.
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
import time
from datetime import timedelta

from flask import Flask, current_app, g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin
from sqlalchemy import select, update

from crm.audit.service import record
from crm.core.clock import utcnow
from crm.core.database import write_intent
from crm.extensions import db
from crm.jobs.models import DONE, FAILED, QUEUED, RUNNING, Job
from crm.jobs.progress import ProgressReporter
from crm.jobs.service import HANDLERS, JobError
from crm.notifications.mail import configured_base_url

log = logging.getLogger(__name__)
GENERIC_FAILURE = _l("The job stopped because of an unexpected error. It has been logged.")
STALE_FAILURE = _l("The worker stopped while this job ran; start it again.")


def import_handlers() -> None:
    """Import `crm.<feature>.jobs` for every feature that has one."""
    from crm import FEATURES

    for feature in FEATURES:
        name = f"crm.{feature}.jobs"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def fail_stale_jobs() -> list[int]:
    """Mark failed (and audit) the jobs left running longer than JOB_STALE_AFTER_MINUTES.

    A worker that crashed never finishes its job; no heartbeat is kept, so a job running for
    longer than the configured time counts as abandoned. Returns the ids marked failed.
    """
    minutes = int(current_app.config.get("JOB_STALE_AFTER_MINUTES", 60))
    cutoff = utcnow() - timedelta(minutes=minutes)
    stale = select(Job.id).where(Job.status == RUNNING, Job.started_at < cutoff)
    found = db.session.scalars(stale).all()
    db.session.rollback()
    if not found:
        return []
    failed: list[int] = []
    message = str(STALE_FAILURE)
    with write_intent():
        for job_id in found:
            changed = db.session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == RUNNING, Job.started_at < cutoff)
                .values(status=FAILED, error=message, finished_at=utcnow())
                .execution_options(synchronize_session=False)
            ).rowcount
            if changed == 1:
                failed.append(job_id)
                record(
                    "job.stale",
                    object_type="jobs",
                    object_id=job_id,
                    before={"status": RUNNING},
                    after={"status": FAILED, "error": message},
                )
        db.session.commit()
    for job_id in failed:
        log.warning("Job %s was left running by a stopped worker; marked failed", job_id)
    return failed


def claim_next() -> int | None:
    """Mark the oldest queued job running and return its id; None when nothing waits.

    Jobs abandoned by a crashed worker are failed first (see `fail_stale_jobs`).
    """
    fail_stale_jobs()
    waiting = db.session.scalar(select(Job.id).where(Job.status == QUEUED).limit(1))
    db.session.rollback()  # end the read; the claim below starts a writing transaction
    if waiting is None:
        return None
    with write_intent():
        stmt = select(Job.id).where(Job.status == QUEUED).order_by(Job.id).limit(1)
        if db.engine.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        job_id = db.session.scalar(stmt)
        claimed = 0
        if job_id is not None:
            claimed = db.session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == QUEUED)
                .values(status=RUNNING, started_at=utcnow())
                .execution_options(synchronize_session=False)
            ).rowcount
        if claimed != 1:
            db.session.rollback()
            return None
        db.session.commit()
    return job_id


def _jsonable(result) -> dict:
    value = json.loads(json.dumps(result if result is not None else {}, default=str))
    return value if isinstance(value, dict) else {"result": value}


def _fail(job_id: int, message: str) -> None:
    db.session.rollback()  # everything the handler wrote goes
    db.session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(status=FAILED, error=message[:2000], finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _run_handler(job: Job, reporter: ProgressReporter) -> None:
    handler = HANDLERS.get(job.kind)
    if handler is None:
        raise JobError(_("No handler is installed for jobs of kind %(kind)s.", kind=repr(job.kind)))
    result = _jsonable(handler(job, reporter))
    job.status, job.result, job.finished_at = DONE, result, utcnow()
    job.progress_total = reporter.total or job.progress_total
    job.progress_done = job.progress_total
    db.session.flush()
    db.session.commit()


def execute(job_id: int) -> str:
    """Run a claimed job as its creator (for audit entries and url_for); returns its status."""
    base_url = configured_base_url() or "http://localhost/"
    reporter = ProgressReporter(job_id)
    with write_intent(), current_app.test_request_context("/", base_url=base_url):
        job = db.session.get(Job, job_id)
        kind = job.kind
        g._login_user = job.created_by or AnonymousUserMixin()
        try:
            _run_handler(job, reporter)
        except JobError as exc:
            _fail(job_id, str(exc) or str(GENERIC_FAILURE))
        except Exception:
            log.exception("Job %s (%s) failed", job_id, kind)
            _fail(job_id, str(GENERIC_FAILURE))
        finally:
            reporter.cleanup()
        return db.session.scalar(select(Job.status).where(Job.id == job_id))


def run_one() -> int | None:
    """Claim and run one queued job; its id, or None when the queue is empty."""
    job_id = claim_next()
    if job_id is not None:
        execute(job_id)
    return job_id


def work(app: Flask, once: bool = False, idle_seconds: float = 1.0, stop=None) -> int:
    """Run jobs until stopped (or, with `once`, until the queue is empty); returns how many."""
    import_handlers()
    count = 0
    while stop is None or not stop.is_set():
        with app.app_context():
            try:
                job_id = run_one()
            except Exception:  # the database is away or not migrated: retry later
                log.exception("The job worker could not take a job")
                job_id = None
                if once:
                    raise
        if job_id is not None:
            count += 1
            continue
        if once:
            break
        time.sleep(idle_seconds)
    return count


def start_worker_thread(app: Flask) -> None:
    """Development: run a worker thread in the web process, started by the first request.

    Starting at the first request (not at import) keeps `flask db upgrade` and other
    commands, which also build the app, from starting a worker.
    """
    if not app.config.get("START_WORKER_THREAD"):
        return
    lock = threading.Lock()
    started: list[threading.Thread] = []

    @app.before_request
    def _start_worker_once() -> None:
        if started:
            return
        with lock:
            if not started:
                thread = threading.Thread(
                    target=work, args=(app,), name="crm-job-worker", daemon=True
                )
                thread.start()
                started.append(thread)
