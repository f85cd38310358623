"""Question factories: rows made directly (fast), indexed for search, committed."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from crm import search
from crm.extensions import db
from crm.questions.models import Question, QuestionAttachment, StageChange
from crm.questions.service import search_document
from crm.reference.models import Country, Discipline, Theme

_counter = itertools.count(1)


@pytest.fixture
def make_question(app):
    """make_question(stage="sourced", country="DE", owner=None, **fields) -> a committed Question.

    `themes`/`disciplines` take codes; `value` is minor units; the stage history starts in
    sourced (and moves once to `stage` when another stage is asked for).
    """

    def _make(stage: str = "sourced", country: str = "DE", owner=None, **fields) -> Question:
        n = next(_counter)
        now = datetime.now(UTC).replace(tzinfo=None)
        themes = fields.pop("themes", [])
        disciplines = fields.pop("disciplines", [])
        created_at = fields.pop("created_at", now - timedelta(days=2))
        values = {
            "title": f"Question {n}",
            "description": f"Description of question {n}",
            "country_code": country,
            "currency": db.session.get(Country, country).currency,
            "stage_code": stage,
            "owner_id": owner.id if owner is not None else None,
            "next_step": "",
            "source": "bd",
            "created_at": created_at,
            "updated_at": fields.pop("updated_at", now),
        }
        values.update(fields)
        question = Question(**values)
        question.themes = [db.session.get(Theme, code) for code in themes]
        question.disciplines = [db.session.get(Discipline, code) for code in disciplines]
        question.stage_changes.append(
            StageChange(from_stage=None, to_stage="sourced", at=created_at, note="", reason="")
        )
        if stage != "sourced":
            question.stage_changes.append(
                StageChange(from_stage="sourced", to_stage=stage, at=now, note="", reason="")
            )
        db.session.add(question)
        db.session.flush()
        search.index("question", question.id, search_document(question, notes=[]))
        db.session.commit()
        return question

    return _make


@pytest.fixture
def make_attachment(app):
    """make_attachment(question, uploaded_by=None) -> an attachment row (no file on disk)."""
    from crm.uploads.models import StoredFile

    def _make(question: Question, uploaded_by=None) -> QuestionAttachment:
        n = next(_counter)
        stored = StoredFile(
            kind="pdf",
            content_type="application/pdf",
            size_bytes=10,
            original_name=f"brief-{n}.pdf",
            storage_key=f"test/{n}.pdf",
            sha256="0" * 64,
            uploaded_by_id=uploaded_by.id if uploaded_by else None,
        )
        attachment = QuestionAttachment(
            question_id=question.id,
            stored_file=stored,
            uploaded_by_id=uploaded_by.id if uploaded_by else None,
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )
        db.session.add(attachment)
        db.session.commit()
        return attachment

    return _make
