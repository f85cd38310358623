"""Everything one organisation's page shows: facts, contacts, questions and their activities."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from crm.extensions import db
from crm.organisations import links
from crm.organisations import permissions as can
from crm.organisations.models import Organisation
from crm.questions.queries import stage_catalog

ACTIVITY_ROWS = 30
QUESTION_ROWS = 25


def load_organisation(organisation_id: int) -> Organisation | None:
    """The organisation with its country and contacts, in two statements."""
    return db.session.scalar(
        select(Organisation)
        .where(Organisation.id == organisation_id)
        .options(joinedload(Organisation.country), selectinload(Organisation.contacts))
        .execution_options(populate_existing=True)
    )


def detail_context(organisation: Organisation, user, questions_page: int = 1) -> dict:
    """The organisation page: a fixed number of statements whatever it holds (the questions
    a page at a time, the latest activities)."""
    organisation = load_organisation(organisation.id)
    total = links.count_questions_of(organisation.id, user)
    pages = max(1, -(-total // QUESTION_ROWS))
    questions_page = min(max(questions_page, 1), pages)
    questions = links.questions_of(
        organisation.id, user, QUESTION_ROWS, (questions_page - 1) * QUESTION_ROWS
    )
    contacts = links.visible_contacts(user, organisation.contacts)
    return {
        "organisation": organisation,
        "contacts": contacts,
        "hidden_contacts": len(organisation.contacts) - len(contacts),
        "questions": questions,
        "questions_total": total,
        "questions_page": questions_page,
        "questions_pages": pages,
        "activities": links.activities_of(organisation.id, user, ACTIVITY_ROWS),
        "may_edit": can.can_edit_organisation(user, organisation),
        "may_merge": can.can_merge_organisations(user),
        "may_manage_data": can.can_manage_personal_data(user),
        "stages": stage_catalog(),
        "today": date.today(),
    }
