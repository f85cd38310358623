"""Background jobs: features register handlers and enqueue work; the worker runs it.

A handler lives in `crm/<feature>/jobs.py`:

    @job_handler("firms.import")
    def import_firms(job: Job, progress: Callable[[int, int], None]) -> dict:
        ...                      # read job.payload / job.input_text, write through services
        progress(done, total)    # as often as you like; it is throttled
        return {"created": n}    # shown on the job page

Everything the handler writes is committed together with the job's "done" status, or rolled
back when it raises (all or nothing). Raise `JobError("message")` for a failure the user
should read; any other exception is logged and shown as a generic message.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from crm.audit.service import record
from crm.extensions import db
from crm.jobs.models import QUEUED, Job

Progress = Callable[[int, int], None]
Handler = Callable[[Job, Progress], dict]
HANDLERS: dict[str, Handler] = {}


class JobError(Exception):
    """A failure whose message is meant for the person who started the job."""


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register `fn(job, progress) -> dict` as the handler of jobs of this kind."""

    def decorator(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return decorator


def enqueue(
    kind: str,
    user,
    title: str,
    payload: dict | None = None,
    input_text: str | None = None,
) -> Job:
    """Queue a job (flushed, not committed: it runs once the caller's request commits)."""
    job = Job(
        kind=kind,
        title=str(title)[:200],
        status=QUEUED,
        payload=payload,
        input_text=input_text,
        created_by_id=getattr(user, "id", None),
        progress_done=0,
        progress_total=0,
    )
    db.session.add(job)
    db.session.flush()
    record("job.enqueue", job, user_id=job.created_by_id, after={"kind": kind, "title": job.title})
    return job


def jobs_for(user, everyone: bool = False):
    """The user's jobs (everyone's for admins who ask), newest first."""
    stmt = select(Job).order_by(Job.created_at.desc(), Job.id.desc())
    if not everyone:
        stmt = stmt.where(Job.created_by_id == user.id)
    return stmt
