"""Demo questions: every country, post, theme and stage, with histories and activities."""

from __future__ import annotations

import random
from contextlib import nullcontext
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import func, select

from crm.demo import DemoContext, DemoOptions
from crm.extensions import db
from crm.questions import demo
from crm.questions.models import Activity, Question, StageChange, question_themes
from crm.reference.models import Post, Stage, Theme
from crm.search import ranked_ids


class QuietContext(DemoContext):
    """No progress bar on the test's stderr."""

    def progress(self, label: str, length: int):
        return nullcontext(SimpleNamespace(update=lambda _n: None))


def _context(questions: int) -> DemoContext:
    return QuietContext(
        options=DemoOptions(questions=questions), rng=random.Random(3), password_hash="x"
    )


def test_demo_covers_every_country_post_theme_and_stage(app, make_user, make_question):
    for country, lab in (("DE", "lab-de"), ("CN", "lab-cn-shanghai"), ("US", "lab-us")):
        make_user("bd", country_code=country, lab_code=lab)
    make_user("post")
    demo.questions(_context(60))
    db.session.commit()
    assert db.session.scalar(select(func.count(Question.id))) == 60
    for column, model in (
        (Question.post_code, Post.code),
        (Question.stage_code, Stage.code),
        (question_themes.c.theme_code, Theme.code),
    ):
        used = set(db.session.scalars(select(column).distinct()))
        assert set(db.session.scalars(select(model))) <= used
    assert set(db.session.scalars(select(Question.country_code).distinct())) == {"DE", "CN", "US"}
    firsts = db.session.scalars(select(StageChange).where(StageChange.from_stage.is_(None)))
    assert len(list(firsts)) == 60
    oldest = db.session.scalar(select(func.min(StageChange.at)))
    assert oldest > datetime.now() - timedelta(days=550)
    assert db.session.scalar(select(func.count(Activity.id))) > 30
    lost = db.session.scalars(select(StageChange.reason).where(StageChange.to_stage == "lost"))
    assert all(lost)
    assert db.session.execute(ranked_ids("question", "city")).first() is not None
    later = make_question()  # the id sequence moved past the demo's explicit ids
    assert later.id > 60


def test_demo_with_no_questions_adds_none(app):
    demo.questions(_context(0))
    assert db.session.scalar(select(func.count(Question.id))) == 0
