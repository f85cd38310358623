"""Everything the detail page and its fragments show about one question."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from crm.extensions import db
from crm.questions import permissions as can
from crm.questions.domain import Move, stage_spells
from crm.questions.forms import ActivityForm, AttachmentForm, StageForm, choices
from crm.questions.models import Activity, Question, QuestionAttachment, StageChange
from crm.questions.present import eur_amount, probability_of
from crm.questions.queries import current_rates, stage_catalog
from crm.reference.labels import ref_label


def load_question(question_id: int) -> Question | None:
    """The question with everything the detail page shows, in a fixed number of statements."""
    return db.session.scalar(
        select(Question)
        .where(Question.id == question_id)
        .options(
            joinedload(Question.owner),
            joinedload(Question.organisation),
            selectinload(Question.contacts),
            joinedload(Question.post),
            joinedload(Question.country),
            joinedload(Question.created_by),
            selectinload(Question.themes),
            selectinload(Question.disciplines),
            selectinload(Question.stage_changes).joinedload(StageChange.by),
            selectinload(Question.activities).joinedload(Activity.by),
            selectinload(Question.attachments).joinedload(QuestionAttachment.uploaded_by),
        )
        .execution_options(populate_existing=True)
    )


def stage_form(question: Question, user) -> StageForm:
    """The move form: every stage the user could pick (the rules decide on submit)."""
    catalog = stage_catalog()
    form = StageForm(formdata=None, version=str(question.version))
    form.stage.choices = choices(
        (s.code, ref_label(s.label))
        for s in catalog.values()
        if s.code not in {question.stage_code, "won"}
    )
    return form


def stage_panel_context(question: Question, user, form: StageForm | None = None, error=None):
    catalog = stage_catalog()
    moves = [Move(c.to_stage, c.at) for c in question.stage_changes]
    spells = stage_spells(moves, datetime.now())
    stage = catalog[question.stage_code]
    may_move = can.can_edit_question(user, question) and (
        stage.open or can.can_reopen_question(user, question)
    )
    return {
        "question": question,
        "stages": catalog,
        "stage": stage,
        "probability": probability_of(question, catalog),
        "history": list(zip(question.stage_changes, spells, strict=True)),
        "stage_form": form or stage_form(question, user),
        "may_move": may_move,
        "stage_error": error,
    }


def timeline_context(question: Question, user, form: ActivityForm | None = None):
    return {
        "question": question,
        "activity_form": form or ActivityForm(formdata=None),
        "may_log": can.can_edit_question(user, question),
    }


def detail_context(question: Question, user) -> dict:
    """The full detail page."""
    question = load_question(question.id)
    rates = current_rates()
    return {
        **stage_panel_context(question, user),
        **timeline_context(question, user),
        "eur_value": eur_amount(question.estimated_value_minor, question.currency, rates),
        "may_edit": can.can_edit_question(user, question),
        "may_claim": question.owner_id is None and can.can_claim_question(user, question),
        "may_attach": can.can_attach_to_question(user, question),
        "may_remove": lambda a: can.can_remove_attachment(user, question, a),
        "attachment_form": AttachmentForm(formdata=None),
        "today": date.today(),
    }
