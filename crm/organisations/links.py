"""What other features hold about an organisation or a contact: questions naming them, the
activities of those questions. Each function is one statement, whatever the row count."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from crm.auth.roles import Role
from crm.extensions import db
from crm.organisations.models import question_contacts


def questions_per_organisation(ids: list[int]) -> dict[int, int]:
    """Organisation id -> number of questions naming it."""
    from crm.questions.models import Question

    if not ids:
        return {}
    column = Question.organisation_id
    stmt = select(column, func.count()).where(column.in_(ids)).group_by(column)
    return dict(db.session.execute(stmt).all())


def _visible(stmt, user):
    from crm.questions.queries import scoped

    return scoped(stmt, user)


def questions_of(organisation_id: int, user, limit: int | None = None, offset: int = 0) -> list:
    """The questions naming the organisation that `user` may see, newest first, with owner
    and post loaded (at most `limit`)."""
    from crm.questions.models import Question

    stmt = _visible(select(Question), user).where(Question.organisation_id == organisation_id)
    stmt = stmt.options(joinedload(Question.owner), joinedload(Question.post))
    stmt = stmt.order_by(Question.updated_at.desc(), Question.id.desc()).offset(offset)
    return list(db.session.scalars(stmt.limit(limit) if limit else stmt))


def visible_question_ids(organisation_id: int, user) -> list[int]:
    """The ids of the questions naming the organisation that `user` may see, oldest first."""
    from crm.questions.models import Question

    stmt = _visible(select(Question.id), user).where(Question.organisation_id == organisation_id)
    return list(db.session.scalars(stmt.order_by(Question.id)))


def count_questions_of(organisation_id: int, user) -> int:
    """How many questions naming the organisation `user` may see."""
    from crm.questions.models import Question

    stmt = _visible(select(func.count(Question.id)), user)
    return db.session.scalar(stmt.where(Question.organisation_id == organisation_id)) or 0


def activities_of(organisation_id: int, user, limit: int = 30) -> list:
    """The latest activities on the organisation's questions `user` may see, newest first."""
    from crm.questions.models import Activity, Question

    stmt = _visible(select(Activity).join(Question, Question.id == Activity.question_id), user)
    stmt = (
        stmt.where(Question.organisation_id == organisation_id)
        .options(joinedload(Activity.by), joinedload(Activity.question))
        .order_by(Activity.happened_on.desc(), Activity.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def contact_posts(contact_ids: list[int]) -> dict[int, set[str]]:
    """Contact id -> the source posts of the questions naming the contact (post users see a
    contact named on their own post's question)."""
    from crm.questions.models import Question

    found: dict[int, set[str]] = defaultdict(set)
    if not contact_ids:
        return found
    stmt = (
        select(question_contacts.c.contact_id, Question.post_code)
        .join(Question, Question.id == question_contacts.c.question_id)
        .where(question_contacts.c.contact_id.in_(contact_ids), Question.post_code.is_not(None))
    )
    for contact_id, post_code in db.session.execute(stmt):
        found[contact_id].add(post_code)
    return found


def visible_contacts(user, contacts: list) -> list:
    """The contacts `user` may see among `contacts` (one statement for post users)."""
    from crm.organisations import permissions as can

    if can.can_see_all_contacts(user):
        return list(contacts)
    if user.role != Role.POST:
        return []
    posts = contact_posts([c.id for c in contacts])
    return [c for c in contacts if can.can_view_contact(user, c, posts.get(c.id, ()))]


def questions_of_contact(contact_id: int, user) -> list:
    """The questions naming the contact that `user` may see."""
    from crm.questions.models import Question

    stmt = _visible(select(Question), user).join(
        question_contacts, question_contacts.c.question_id == Question.id
    )
    stmt = stmt.where(question_contacts.c.contact_id == contact_id)
    return list(db.session.scalars(stmt.order_by(Question.updated_at.desc(), Question.id.desc())))


def reindex_questions(ids: list[int]) -> None:
    """Refresh the search entries of these questions (their organisation's name changed)."""
    from crm import search
    from crm.questions.models import Question
    from crm.questions.service import SEARCH_KIND, search_document

    if not ids:
        return
    stmt = (
        select(Question)
        .where(Question.id.in_(ids))
        .options(joinedload(Question.organisation), selectinload(Question.activities))
        .execution_options(populate_existing=True)
    )
    search.bulk_index(SEARCH_KIND, ((q.id, search_document(q)) for q in db.session.scalars(stmt)))


def question_ids_of(organisation_id: int) -> list[int]:
    """Every question naming the organisation (whoever may see it)."""
    from crm.questions.models import Question

    stmt = select(Question.id).where(Question.organisation_id == organisation_id)
    return list(db.session.scalars(stmt))
