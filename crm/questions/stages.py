"""Stage moves: the one service behind the detail page, the board, the API and deals.

The rules themselves are in `crm.questions.domain.check_move`; this module loads what they
need, applies the move, records it in the stage history and the audit log.
"""

from __future__ import annotations

from flask_babel import gettext as _

from crm.audit.service import record
from crm.auth.permissions import is_admin
from crm.core.clock import utcnow
from crm.questions.domain import WON, Actor, MoveRefused, check_move, is_reopening
from crm.questions.models import Question, StageChange
from crm.questions.queries import stage_catalog
from crm.questions.service import check_version, flush_versioned


def _actor(user) -> Actor:
    return Actor(user_id=getattr(user, "id", None), is_admin=is_admin(user))


def move_stage(
    question: Question,
    stage: str,
    by_user,
    *,
    note: str = "",
    reason: str = "",
    read_version: int | None = None,
) -> StageChange:
    """Move `question` to `stage` by hand; raises MoveRefused (403/409/422) or
    VersionConflict (409). Clears the owner's probability override."""
    check_version(question, read_version)
    catalog = stage_catalog()
    current = catalog[question.stage_code]
    target = catalog.get(stage)
    check_move(current, target, actor=_actor(by_user), owner_id=question.owner_id, reason=reason)
    return _apply_move(
        question, target.code, by_user, note, reason, reopening=is_reopening(current, target)
    )


def mark_won(question: Question, by_user, deal) -> StageChange:
    """Signing `deal` wins the question: in the stage history, by the signer.

    Raises MoveRefused (409) when the question is not open. Called by the deals feature.
    """
    catalog = stage_catalog()
    check_move(
        catalog[question.stage_code],
        catalog[WON],
        actor=_actor(by_user),
        owner_id=question.owner_id,
        by_deal=True,
    )
    deal_id = getattr(deal, "id", None)
    note = _("Deal %(id)s signed", id=deal_id) if deal_id is not None else _("Deal signed")
    return _apply_move(question, WON, by_user, note, "", reopening=False)


def _apply_move(
    question: Question, stage: str, by_user, note: str, reason: str, *, reopening: bool
) -> StageChange:
    read_version = question.version
    before = {"stage": question.stage_code, "probability_override": question.probability_override}
    now = utcnow()
    change = StageChange(
        from_stage=question.stage_code,
        to_stage=stage,
        at=now,
        by_id=getattr(by_user, "id", None),
        note=note.strip(),
        reason=reason.strip(),
    )
    question.stage_changes.append(change)
    question.stage_code = stage
    question.probability_override = None
    question.updated_at = now
    flush_versioned(question, read_version)
    record(
        "question.reopen" if reopening else "question.stage",
        question,
        before=before,
        after={
            "stage": stage,
            "probability_override": None,
            "note": change.note,
            "reason": change.reason,
            "version": question.version,
        },
    )
    return change


__all__ = ["MoveRefused", "mark_won", "move_stage"]
