"""A job left running by a worker that stopped is failed when a worker next claims work."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.core.clock import utcnow
from crm.extensions import db
from crm.jobs import worker
from crm.jobs.models import Job

STALE_MESSAGE = "The worker stopped while this job ran; start it again."


def _reload(job_id: int) -> Job:
    db.session.expire_all()
    return db.session.get(Job, job_id)


def test_claiming_fails_jobs_left_running_too_long_and_audits_them(app, make_job, monkeypatch):
    monkeypatch.setitem(app.config, "JOB_STALE_AFTER_MINUTES", 30)
    old = make_job(status="running", started_at=utcnow() - timedelta(minutes=31))
    recent = make_job(status="running", started_at=utcnow() - timedelta(minutes=5))
    assert worker.claim_next() is None  # nothing queued; the stale job is still recovered
    old, recent = _reload(old.id), _reload(recent.id)
    assert (old.status, old.error) == ("failed", STALE_MESSAGE)
    assert old.finished_at is not None
    assert recent.status == "running" and recent.error is None
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "job.stale", AuditEntry.object_type == "jobs")
    ).all()
    assert [entry.object_id for entry in entries] == [str(old.id)]
    assert entries[0].after["status"] == "failed"


def test_a_stale_job_does_not_block_the_queue(app, make_job):
    worker.import_handlers()
    stale = make_job(status="running", started_at=utcnow() - timedelta(hours=2))
    queued = make_job()
    assert app.config["JOB_STALE_AFTER_MINUTES"] == 60
    assert worker.run_one() == queued.id
    assert _reload(queued.id).status == "done"
    assert _reload(stale.id).status == "failed"
    assert worker.fail_stale_jobs() == []  # already failed: nothing more to do
