"""Tell owners their next step is due: `notify_due_next_steps(today)`.

Run once a day by `flask --app wsgi crm notify-due` (production: a cron entry, see
`crm.organisations.cli`), or as the background job kind `organisations.notify_due`. It is
idempotent: a `next_step_reminders` row (unique per question and due date) records each
notification, so running it twice a day, or on two hosts at once, notifies once. A run that
was missed is caught up for next steps due in the last `GRACE_DAYS` days.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import has_request_context, url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from crm.core.clock import utcnow
from crm.extensions import db
from crm.organisations.models import NextStepReminder
from crm.questions.models import Question
from crm.questions.queries import open_question_filter, stage_catalog

KIND = "question.next_step_due"
GRACE_DAYS = 7


def due_questions(today: date) -> list[Question]:
    """Open, owned questions whose next step is due (or was, within the grace days) and whose
    owner was not told yet for that due date."""
    told = exists().where(
        NextStepReminder.question_id == Question.id,
        NextStepReminder.due_on == Question.next_step_due,
    )
    stmt = (
        select(Question)
        .where(
            open_question_filter(stage_catalog()),
            Question.owner_id.is_not(None),
            Question.next_step_due <= today,
            Question.next_step_due >= today - timedelta(days=GRACE_DAYS),
            func.trim(Question.next_step) != "",
            ~told,
        )
        .options(joinedload(Question.owner))
        .order_by(Question.id)
    )
    return list(db.session.scalars(stmt))


def _claim(question: Question) -> bool:
    """Record the reminder; False when another run recorded it first."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(NextStepReminder)
        .values(
            question_id=question.id,
            due_on=question.next_step_due,
            user_id=question.owner_id,
            sent_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["question_id", "due_on"])
        .returning(NextStepReminder.id)
    )
    return db.session.execute(stmt).scalar() is not None


class _ReadersDate:
    """A date written in the locale active when the text is rendered (the recipient's)."""

    def __init__(self, day: date):
        self.day = day

    def __str__(self) -> str:
        return format_date(self.day, "medium")


def _text(question: Question, today: date):
    """The reminder as a lazy string: `notify` renders it in each recipient's language."""
    if question.next_step_due == today:
        return _l("Next step due today: %(step)s (%(title)s)", step=question.next_step,
                  title=question.title)  # fmt: skip
    return _l("Next step overdue since %(day)s: %(step)s (%(title)s)",
              day=_ReadersDate(question.next_step_due), step=question.next_step,
              title=question.title)  # fmt: skip


def notify_due_next_steps(today: date) -> int:
    """Notify each owner whose next step is due today (in-app, and by mail when SMTP is
    configured); returns how many were notified. Flushes, never commits."""
    from crm.notifications.service import notify

    count = 0
    for question in due_questions(today):
        if not _claim(question):
            continue
        path = f"/questions/{question.id}"
        if has_request_context():
            path = url_for("questions.show", question_id=question.id)
        count += notify(question.owner, KIND, obj=question, text=_text(question, today), url=path)
    return count
