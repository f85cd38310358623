"""A question's activity timeline (notes, calls, meetings) and its attachments."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from crm.audit.service import record
from crm.core.clock import utcnow
from crm.extensions import db
from crm.questions.errors import QuestionInvalid
from crm.questions.models import ACTIVITY_KINDS, Activity, Question, QuestionAttachment
from crm.questions.service import reindex

MAX_ACTIVITY_CHARS = 5000
ATTACHMENT_TYPES = frozenset({"jpeg", "png", "webp", "pdf"})


def add_activity(question: Question, kind: str, happened_on: date, text: str, by_user) -> Activity:
    """Log a note, call or meeting; the notes are searchable, so the question is re-indexed."""
    errors = {}
    if kind not in ACTIVITY_KINDS:
        errors["kind"] = [_("choose a note, call or meeting")]
    if not text.strip():
        errors["text"] = [_("write what happened")]
    elif len(text) > MAX_ACTIVITY_CHARS:
        errors["text"] = [_("at most %(n)s characters", n=MAX_ACTIVITY_CHARS)]
    if errors:
        raise QuestionInvalid(_("Some fields are invalid."), errors)
    activity = Activity(
        kind=kind,
        happened_on=happened_on,
        text=text.strip(),
        by_id=by_user.id,
        created_at=utcnow(),
    )
    question.activities.append(activity)
    db.session.flush()
    record(
        "question.activity",
        question,
        after={"activity": activity.id, "kind": kind, "on": happened_on},
    )
    reindex(question)
    return activity


def add_attachment(question: Question, file_storage, by_user) -> QuestionAttachment:
    """Store an uploaded image or PDF (judged by content) and link it to the question.

    Raises `crm.uploads.UploadError` (422 or 413) with nothing left behind.
    """
    from crm.uploads import store_upload

    stored = store_upload(file_storage, uploaded_by=by_user, allowed=ATTACHMENT_TYPES)
    attachment = QuestionAttachment(
        stored_file=stored, uploaded_by_id=by_user.id, created_at=utcnow()
    )
    question.attachments.append(attachment)
    db.session.flush()
    record(
        "question.attachment.add",
        question,
        after={"attachment": attachment.id, "file": stored.id, "name": stored.original_name},
    )
    return attachment


def remove_attachment(question: Question, attachment: QuestionAttachment) -> None:
    """Unlink and delete the stored file (removed from disk once the transaction commits)."""
    from crm.uploads import delete_stored_file

    stored = attachment.stored_file
    record(
        "question.attachment.remove",
        question,
        before={"attachment": attachment.id, "file": stored.id, "name": stored.original_name},
    )
    question.attachments.remove(attachment)
    db.session.delete(attachment)
    db.session.flush()
    delete_stored_file(stored)
