"""The jobs feature's own handler: a self-check that shows a job's progress to the end."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from crm.auth.models import User
from crm.extensions import db
from crm.jobs.models import Job
from crm.jobs.service import HANDLERS, Progress, job_handler
from crm.reference.models import Country, Stage

MAX_STEPS = 200
MAX_DELAY_MS = 2000


@job_handler("jobs.self_check")
def self_check(job: Job, progress: Progress) -> dict:
    """Count through a few steps (with a pause, so the bar moves) and report on the set-up."""
    payload = job.payload or {}
    steps = max(1, min(int(payload.get("steps", 10)), MAX_STEPS))
    delay_ms = max(0, min(int(payload.get("delay_ms", 0)), MAX_DELAY_MS))
    progress(0, steps)
    for step in range(1, steps + 1):
        if delay_ms:
            time.sleep(delay_ms / 1000)
        progress(step, steps)
    return {
        "steps": steps,
        "database": db.engine.dialect.name,
        "users": db.session.scalar(select(func.count(User.id))),
        "countries": db.session.scalar(select(func.count(Country.code))),
        "stages": db.session.scalar(select(func.count(Stage.code))),
        "job kinds": ", ".join(sorted(HANDLERS)),
    }
