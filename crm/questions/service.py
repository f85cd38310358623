"""Use-cases for questions: create, edit (optimistic locking), claim, search indexing.

Stage moves are in `crm.questions.stages`, activities and attachments in
`crm.questions.timeline`. Every function flushes and records audit entries; the caller commits.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from crm.audit.service import changes, record
from crm.auth.models import User
from crm.auth.roles import Role
from crm.core.clock import utcnow
from crm.extensions import db
from crm.questions.domain import INITIAL_STAGE
from crm.questions.errors import (
    QuestionConflict,
    QuestionForbidden,
    QuestionInvalid,
    VersionConflict,
)
from crm.questions.fields import TEXT_FIELDS, QuestionData, apply_fields, snapshot
from crm.questions.models import Question, StageChange
from crm.reference.labels import country_name
from crm.reference.models import Post

SEARCH_KIND = "question"


def create_question(data: QuestionData, by_user: User) -> Question:
    """A new question in `sourced`: owned by the creating bd; from a post user unclaimed, with
    their post as source (the country's business developers are notified)."""
    now = utcnow()
    is_post = by_user.role == Role.POST
    if is_post:
        _own_post_only(data, by_user)
    question = Question(
        stage_code=INITIAL_STAGE,
        owner_id=by_user.id if by_user.role == Role.BD else None,
        created_by_id=by_user.id,
        source="post" if is_post else "bd",
        created_at=now,
        updated_at=now,
    )
    apply_fields(question, data)
    db.session.add(question)
    question.stage_changes.append(
        StageChange(from_stage=None, to_stage=INITIAL_STAGE, at=now, by_id=by_user.id)
    )
    db.session.flush()
    record("question.create", question, after=snapshot(question))
    reindex(question)
    if is_post:
        _notify_new_submission(question)
    return question


def _own_post_only(data: QuestionData, by_user: User) -> None:
    """A post user submits for their own post, in its country, without a probability."""
    post = db.session.get(Post, by_user.post_code)
    errors = {}
    if data.post and data.post != by_user.post_code:
        errors["post"] = [_("you can only submit questions for your own post")]
    if data.country and post is not None and data.country != post.country_code:
        errors["country"] = [
            _("your post is in %(country)s", country=country_name(post.country_code))
        ]
    if data.probability_override is not None:
        errors["probability_override"] = [_("set by the owner once claimed")]
    if errors:
        raise QuestionInvalid(_("Some fields are invalid."), errors)
    data.post = by_user.post_code
    data.country = post.country_code if post is not None else data.country


def _notify_new_submission(question: Question) -> None:
    from flask import has_request_context, url_for

    from crm.notifications.service import Audience, notify

    url = url_for("questions.show", question_id=question.id) if has_request_context() else None
    notify(
        Audience(role="bd", country=question.country_code),
        "question.submitted",
        obj=question,
        text=_l("A post submitted a new question: %(title)s", title=question.title),
        url=url,
    )


def check_version(question: Question, read_version: int | None) -> None:
    """Raise VersionConflict when the caller read an older version."""
    if read_version is not None and read_version != question.version:
        raise VersionConflict(question, read_version)


def flush_versioned(question: Question, read_version: int) -> None:
    """Flush; a concurrent save that slipped in between read and write is a conflict too."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except StaleDataError:
        db.session.refresh(question)
        raise VersionConflict(question, read_version) from None


def update_question(question: Question, data: QuestionData, read_version: int, by_user) -> bool:
    """Save the edited fields of the version the caller read; False when nothing changed."""
    check_version(question, read_version)
    before = snapshot(question)
    if data.probability_override != question.probability_override:
        from crm.questions.permissions import can_set_probability

        if not can_set_probability(by_user, question):
            raise QuestionForbidden(_("Only the owner sets the probability."))
    apply_fields(question, data)
    after = snapshot(question)
    old, new = changes(before, after)
    if not new:
        return False
    question.updated_at = utcnow()
    flush_versioned(question, read_version)
    new["version"] = question.version
    record("question.update", question, before=old, after=new)
    if TEXT_FIELDS & set(new):
        reindex(question)
    return True


def claim(question: Question, by_user: User) -> None:
    """A business developer takes an unclaimed question (409 when it has an owner)."""
    if question.owner_id is not None:
        raise QuestionConflict(_("This question already has an owner."))
    read_version = question.version
    question.owner_id = by_user.id
    question.updated_at = utcnow()
    flush_versioned(question, read_version)
    record(
        "question.claim",
        question,
        before={"owner": None},
        after={"owner": by_user.id, "version": question.version},
    )


def search_document(question: Question, notes: list[str] | None = None) -> dict:
    """What the full-text index holds for a question: title, then the rest as body."""
    if notes is None:
        notes = [a.text for a in question.activities]
    organisation = question.organisation.name if question.organisation else ""
    body = "\n".join([question.description, organisation, *notes])
    return {"title": question.title, "body": body}


def reindex(question: Question) -> None:
    """Re-index after a change of title, description, organisation or activity notes."""
    from crm import search

    search.index(SEARCH_KIND, question.id, search_document(question))


def is_open(question: Question) -> bool:
    """Whether the question is in an open stage (deals need an open question)."""
    from crm.questions.queries import stage_catalog

    return stage_catalog()[question.stage_code].open


def move_stage(question: Question, stage: str, by_user, **options):
    """Move a question to another stage (see `crm.questions.stages.move_stage`)."""
    from crm.questions import stages

    return stages.move_stage(question, stage, by_user, **options)


def mark_won(question: Question, by_user, deal):
    """Signing `deal` marks the question won, by the signer (for the deals feature).

    Raises `crm.questions.domain.MoveRefused` (status 409) when the question is closed.
    """
    from crm.questions import stages

    return stages.mark_won(question, by_user, deal)
