"""Factories of the jobs feature."""

from __future__ import annotations

import pytest

from crm.extensions import db
from crm.jobs.models import Job


@pytest.fixture
def make_job(app, make_user):
    """make_job(user=None, **fields) -> a committed Job (queued, by a new bd if no user)."""

    def _make(user=None, **fields) -> Job:
        user = user or make_user("bd")
        values = {
            "kind": "jobs.self_check",
            "title": "Test job",
            "status": "queued",
            "payload": {"steps": 3},
            "created_by_id": user.id,
            "progress_done": 0,
            "progress_total": 0,
        }
        values.update(fields)
        job = Job(**values)
        db.session.add(job)
        db.session.commit()
        return job

    return _make
