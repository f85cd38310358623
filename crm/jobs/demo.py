"""Demo jobs: one finished self-check, so the job list and page have something to show."""

from __future__ import annotations

from datetime import timedelta

from crm.core.clock import utcnow
from crm.demo import DemoContext, demo_step
from crm.extensions import db
from crm.jobs.models import DONE, Job

STEPS = 20


@demo_step(15)
def jobs(context: DemoContext) -> None:
    """A self-check the demo admin ran a day ago."""
    admin = next((u for u in context.created.get("users", []) if u.role == "admin"), None)
    if admin is None:
        return
    started = utcnow().replace(microsecond=0) - timedelta(days=1)
    db.session.add(
        Job(
            kind="jobs.self_check",
            title="Self-check",
            status=DONE,
            progress_done=STEPS,
            progress_total=STEPS,
            payload={"steps": STEPS, "delay_ms": 250},
            result={"steps": STEPS, "database": db.engine.dialect.name},
            created_by_id=admin.id,
            created_at=started,
            started_at=started + timedelta(seconds=1),
            finished_at=started + timedelta(seconds=6),
        )
    )
