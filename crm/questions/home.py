"""Home-page panels: a business developer's pipeline, a post user's submissions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from crm.extensions import db
from crm.fees.rates import latest_rates
from crm.home.panels import home_panel
from crm.questions.models import Question
from crm.questions.present import eur_amount
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


@home_panel("topteam")
def topteam_headlines(user) -> dict:
    """Open questions and their estimated value per focus country, in two statements.

    Values are summed per currency, then converted at today's rates: a headline figure, not
    the per-question rounding of the pipeline dashboard.
    """
    rows = db.session.execute(
        _open_in(None)
        .with_only_columns(
            Question.country_code,
            Question.currency,
            func.count(Question.id),
            func.coalesce(func.sum(Question.estimated_value_minor), 0),
        )
        .group_by(Question.country_code, Question.currency)
        .order_by(Question.country_code)
    ).all()
    rates = latest_rates({currency for _country, currency, _n, _sum in rows}, date.today())
    countries: dict[str, dict] = {}
    for country, currency, count, total_minor in rows:
        entry = countries.setdefault(country, {"count": 0, "eur": Decimal(0), "unconverted": 0})
        entry["count"] += count
        value = eur_amount(int(total_minor), currency, rates)
        if value is None:
            entry["unconverted"] += count
        else:
            entry["eur"] += value
    return {"template": "questions/_home_topteam.html", "countries": countries}
