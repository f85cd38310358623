"""Home-page panels: a business developer's pipeline, a post user's submissions."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from crm.extensions import db
from crm.home.panels import home_panel
from crm.questions.models import Question
from crm.questions.queries import open_question_filter, stage_catalog

PANEL_ROWS = 8


def _open_in(country: str | None):
    stmt = select(Question).where(open_question_filter(stage_catalog()))
    return stmt if country is None else stmt.where(Question.country_code == country)


@home_panel("bd", "admin")
def bd_pipeline(user) -> dict:
    """Open questions of the bd's country, unclaimed submissions from posts, next steps due."""
    country = user.country_code if user.role == "bd" else None
    open_count = db.session.scalar(select(func.count()).select_from(_open_in(country).subquery()))
    unclaimed = db.session.scalars(
        _open_in(country)
        .where(Question.owner_id.is_(None))
        .options(joinedload(Question.post))
        .order_by(Question.created_at.desc(), Question.id.desc())
        .limit(PANEL_ROWS)
    ).all()
    mine = db.session.scalars(
        _open_in(country)
        .where(Question.owner_id == user.id)
        .order_by(Question.updated_at.desc(), Question.id.desc())
        .limit(PANEL_ROWS)
    ).all()
    due_stmt = _open_in(country).where(
        Question.next_step_due.is_not(None),
        Question.next_step_due <= date.today() + timedelta(days=7),
    )
    if user.role == "bd":
        due_stmt = due_stmt.where(Question.owner_id == user.id)
    due = db.session.scalars(
        due_stmt.order_by(Question.next_step_due, Question.id).limit(PANEL_ROWS)
    ).all()
    return {
        "template": "questions/_home_bd.html",
        "country": country,
        "open_count": open_count,
        "unclaimed": unclaimed,
        "mine": mine,
        "due": due,
        "today": date.today(),
        "stages": stage_catalog(),
    }


@home_panel("post")
def post_submissions(user) -> dict:
    """What became of the questions the user's post submitted."""
    rows = db.session.scalars(
        select(Question)
        .where(Question.post_code == user.post_code)
        .options(joinedload(Question.owner))
        .order_by(Question.updated_at.desc(), Question.id.desc())
        .limit(PANEL_ROWS * 2)
    ).all()
    return {
        "template": "questions/_home_post.html",
        "questions": rows,
        "stages": stage_catalog(),
    }
