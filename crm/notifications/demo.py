"""Demo notifications: a welcome for every demo user, and a few that fit their role."""

from __future__ import annotations

from datetime import timedelta

from crm.core.clock import utcnow
from crm.demo import DemoContext, demo_step
from crm.extensions import db
from crm.notifications.models import Notification

WELCOME = "Welcome to the Creative Lab CRM. Your home page shows what needs your attention."
BY_ROLE = {
    "admin": [
        ("setup", "Publish a fee format and load exchange rates before the first deal.", "/"),
        ("jobs", "The self-check job finished: everything is in place.", "/jobs"),
    ],
    "topteam": [("dashboard", "The pipeline figures of this quarter are ready.", "/")],
    "bd": [
        ("question.new", "A post submitted a new question for your country.", "/"),
        ("next_step.due", "A next step of one of your questions is due this week.", "/"),
    ],
    "post": [("question.claimed", "A business developer picked up a question of your post.", "/")],
    "firm": [("invitation.new", "Your firm is invited to a new question.", "/")],
}


@demo_step(15)
def notifications(context: DemoContext) -> None:
    """Two or three notifications per demo user, some of them read."""
    now = utcnow().replace(microsecond=0)
    rows = []
    for user in context.created.get("users", []):
        items = [("welcome", WELCOME, "/about")] + BY_ROLE.get(user.role, [])
        for position, (kind, text, url) in enumerate(items):
            created = now - timedelta(hours=context.rng.randint(1, 96), minutes=position)
            read = created + timedelta(minutes=30) if context.rng.random() < 0.4 else None
            rows.append(
                Notification(
                    user_id=user.id,
                    kind=kind,
                    text=text,
                    url=url,
                    created_at=created,
                    read_at=read,
                )
            )
    db.session.add_all(rows)
