"""The shell's demo data: notifications for demo users and a finished self-check job."""

from __future__ import annotations

import random

from sqlalchemy import select

from crm.demo import DemoContext, DemoOptions
from crm.extensions import db
from crm.jobs.demo import jobs as demo_jobs
from crm.jobs.models import Job
from crm.notifications.demo import notifications as demo_notifications
from crm.notifications.models import Notification


def _context(users, seed=7) -> DemoContext:
    context = DemoContext(DemoOptions(seed=seed), random.Random(seed), password_hash="x")
    context.created["users"] = users
    return context


def _snapshot():
    rows = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    return [(n.user_id, n.kind, n.text, n.read_at is None) for n in rows]


def test_demo_notifications_are_deterministic_for_a_seed(make_user):
    users = [make_user(role) for role in ("admin", "topteam", "bd", "post")]
    demo_notifications(_context(users))
    first = _snapshot()
    assert {row[1] for row in first} >= {"welcome", "setup", "question.new", "question.claimed"}
    db.session.rollback()
    demo_notifications(_context(users))
    assert _snapshot() == first


def test_demo_job_is_a_finished_self_check_of_the_admin(make_user):
    admin = make_user("admin")
    demo_jobs(_context([make_user("bd"), admin]))
    job = db.session.scalar(select(Job))
    assert (job.kind, job.status, job.created_by_id) == ("jobs.self_check", "done", admin.id)
    assert job.progress_done == job.progress_total == 20
