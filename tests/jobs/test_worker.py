"""Jobs run to the end through the worker, all or nothing, each exactly once."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from crm.audit.models import AuditEntry
from crm.auth.models import User
from crm.extensions import db
from crm.jobs import worker
from crm.jobs.models import Job
from crm.jobs.progress import ProgressReporter, current_progress
from crm.jobs.service import HANDLERS, JobError, enqueue, job_handler


def _reload(job: Job) -> Job:
    db.session.expire_all()
    return db.session.get(Job, job.id)


def test_enqueue_flushes_a_queued_job_and_audits_it(make_user):
    user = make_user("admin")
    job = enqueue("jobs.self_check", user, "Check", payload={"steps": 2}, input_text="a,b")
    assert job.id is not None and job.status == "queued"
    assert (job.created_by_id, job.payload, job.input_text) == (user.id, {"steps": 2}, "a,b")
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "jobs"))
    assert "job.enqueue" in list(actions)


def test_run_one_runs_the_self_check_to_the_end(make_user):
    worker.import_handlers()
    job = enqueue("jobs.self_check", make_user("admin"), "Check", payload={"steps": 4})
    db.session.commit()
    assert worker.run_one() == job.id
    job = _reload(job)
    assert job.status == "done" and job.error is None
    assert (job.progress_done, job.progress_total) == (4, 4)
    assert job.result["steps"] == 4 and job.result["users"] >= 1
    assert job.started_at is not None and job.finished_at is not None
    assert worker.run_one() is None  # nothing left


def test_cli_worker_once_drains_the_queue(app, make_user):
    user = make_user("admin")
    jobs = [enqueue("jobs.self_check", user, f"Check {i}", payload={"steps": 2}) for i in range(2)]
    db.session.commit()
    ids = [job.id for job in jobs]
    result = app.test_cli_runner().invoke(args=["crm", "worker", "--once"])
    assert result.exit_code == 0, result.stderr
    assert "Ran 2 job(s)." in result.stderr
    statuses = db.session.scalars(select(Job.status).where(Job.id.in_(ids)))
    assert list(statuses) == ["done", "done"]


@job_handler("tests.writes_then_fails")
def _writes_then_fails(job, progress):
    db.session.add(User(email="half@written.example", role="admin", password_hash="x"))
    db.session.flush()
    progress(1, 2)
    if (job.payload or {}).get("readable"):
        raise JobError("Line 2: the currency XYZ is unknown.")
    raise RuntimeError("internal detail that must not reach the user")


def _half_written() -> int:
    return db.session.scalar(
        select(func.count(User.id)).where(User.email == "half@written.example")
    )


def test_a_failing_job_keeps_nothing_and_says_why(make_user):
    job = enqueue("tests.writes_then_fails", make_user("bd"), "Import", payload={"readable": True})
    db.session.commit()
    worker.run_one()
    job = _reload(job)
    assert job.status == "failed" and job.error == "Line 2: the currency XYZ is unknown."
    assert _half_written() == 0


def test_an_unexpected_error_is_logged_and_shown_without_details(make_user, monkeypatch):
    logged = []
    monkeypatch.setattr(worker.log, "exception", lambda msg, *args: logged.append(msg % args))
    job = enqueue("tests.writes_then_fails", make_user("bd"), "Import")
    db.session.commit()
    worker.run_one()
    job = _reload(job)
    assert job.status == "failed" and job.error == worker.GENERIC_FAILURE
    assert "internal detail" not in job.error
    assert logged == [f"Job {job.id} (tests.writes_then_fails) failed"]
    assert _half_written() == 0


def test_a_job_without_handler_fails_readably(make_user):
    job = enqueue("nobody.handles_this", make_user("bd"), "Mystery")
    db.session.commit()
    worker.run_one()
    job = _reload(job)
    assert job.status == "failed" and "nobody.handles_this" in job.error


def test_a_claimed_job_is_not_claimed_again(make_user):
    job = enqueue("jobs.self_check", make_user("admin"), "Once")
    db.session.commit()
    assert worker.claim_next() == job.id
    assert worker.claim_next() is None
    assert _reload(job).status == "running"


def test_handler_writes_are_attributed_to_the_jobs_creator(make_user):
    @job_handler("tests.audits")
    def _audits(job, progress):
        from crm.audit.service import record

        record("tests.touched", job)
        return {"ok": True}

    try:
        user = make_user("bd")
        enqueue("tests.audits", user, "Audit me")
        db.session.commit()
        worker.run_one()
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "tests.touched"))
        assert entry.user_id == user.id
    finally:
        HANDLERS.pop("tests.audits", None)


def test_live_progress_is_visible_while_the_job_runs(make_job):
    job = make_job(status="running", progress_done=0, progress_total=0)
    reporter = ProgressReporter(job.id)
    reporter(3, 10)
    if db.engine.dialect.name == "sqlite":
        assert current_progress(job) == (3, 10)  # from the file beside the database
        reporter.cleanup()
    assert current_progress(job) == (job.progress_done, job.progress_total)


def test_worker_thread_starts_with_the_first_request_and_only_when_configured(monkeypatch):
    started = []
    monkeypatch.setattr(worker, "work", lambda app, **kw: started.append(app))
    off = Flask("off")
    worker.start_worker_thread(off)
    assert off.before_request_funcs == {}
    on = Flask("on")
    on.config["START_WORKER_THREAD"] = True
    on.route("/")(lambda: "ok")
    worker.start_worker_thread(on)
    client = on.test_client()
    client.get("/")
    client.get("/")
    import time

    for _ in range(50):
        if started:
            break
        time.sleep(0.01)
    assert started == [on]
