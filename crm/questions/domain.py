"""The rules of a question's pipeline: stage moves and probability. Pure Python.

Used by the pages, the API, the board and the deals feature alike, so a rule lives here
once. Nothing here touches Flask or the database: callers pass what the rule needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WON = "won"
LOST = "lost"
ON_HOLD = "on-hold"
INITIAL_STAGE = "sourced"
# Stages whose probability is fixed whatever the owner says.
FIXED_PROBABILITY = {WON: 100, LOST: 0, ON_HOLD: 0}


@dataclass(frozen=True)
class StageInfo:
    """What the rules need to know about a stage (from the reference table)."""

    code: str
    label: str
    probability: int
    open: bool


@dataclass(frozen=True)
class Actor:
    """Who asks for a move, reduced to what the rules need."""

    user_id: int | None
    is_admin: bool = False


class MoveRefused(Exception):
    """A stage move the rules forbid: 403 (who asks), 409 (the state) or 422 (the move)."""

    def __init__(self, status: int, message: str, field: str = "stage"):
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def N_(message: str) -> str:
    """Marks a message for translation (extracted by Babel); the caller translates it."""
    return message


WON_BY_HAND = N_(
    "Moving to won by hand is not possible: won comes from signing a deal for this question."
)
LOST_NEEDS_REASON = N_("Say why the question was lost.")
SAME_STAGE = N_("The question is already in this stage.")
REOPEN_FORBIDDEN = N_("Only the question's owner or an admin can reopen a closed question.")
CLOSED_TO_CLOSED = N_("A closed question can only be reopened to an open stage.")
UNKNOWN_STAGE = N_("Unknown stage.")
WON_NEEDS_OPEN = N_("Only an open question can be won.")


def check_move(
    current: StageInfo,
    target: StageInfo | None,
    *,
    actor: Actor,
    owner_id: int | None,
    reason: str = "",
    by_deal: bool = False,
) -> None:
    """Raise `MoveRefused` unless moving from `current` to `target` is allowed.

    Any open stage may move to any other open stage; `won` only comes from signing a deal
    (`by_deal`); `lost` needs a reason; a closed question is reopened only by its owner or an
    admin, and only to an open stage.
    """
    if target is None:
        raise MoveRefused(422, UNKNOWN_STAGE)
    if target.code == current.code:
        raise MoveRefused(422, SAME_STAGE)
    if target.code == WON:
        if not by_deal:
            raise MoveRefused(422, WON_BY_HAND)
        if not current.open:
            raise MoveRefused(409, WON_NEEDS_OPEN)
        return
    if not current.open:
        if not (actor.is_admin or (owner_id is not None and actor.user_id == owner_id)):
            raise MoveRefused(403, REOPEN_FORBIDDEN)
        if not target.open:
            raise MoveRefused(422, CLOSED_TO_CLOSED)
    if target.code == LOST and not reason.strip():
        raise MoveRefused(422, LOST_NEEDS_REASON, field="reason")


def is_reopening(current: StageInfo, target: StageInfo) -> bool:
    """A move out of a closed stage (logged as a reopening)."""
    return not current.open and target.open


def effective_probability(stage: StageInfo, override: int | None) -> int:
    """The probability in percent: fixed for won, lost and on hold, else the owner's or the
    stage's default."""
    if stage.code in FIXED_PROBABILITY:
        return FIXED_PROBABILITY[stage.code]
    if not stage.open:
        return stage.probability
    return stage.probability if override is None else override


def probability_problem(stage: StageInfo, value: int | None) -> str | None:
    """Why `value` cannot be the owner's probability in `stage`, or None."""
    if value is None:
        return None
    if not 0 <= value <= 100:
        return N_("Give a whole percentage from 0 to 100.")
    if stage.code in FIXED_PROBABILITY or not stage.open:
        return N_("The probability is fixed in this stage.")
    return None


@dataclass(frozen=True)
class Move:
    """A recorded move, as the rules see it."""

    to_stage: str
    at: datetime


@dataclass(frozen=True)
class StageSpell:
    """A stretch of time a question spent in one stage (`until` None: it is still there)."""

    stage: str
    since: datetime
    until: datetime | None
    duration: timedelta


def stage_spells(moves: Sequence[Move], now: datetime) -> list[StageSpell]:
    """Time spent in each stage, from the history ordered oldest first."""
    spells = []
    for index, move in enumerate(moves):
        until = moves[index + 1].at if index + 1 < len(moves) else None
        end = until or now
        spells.append(StageSpell(move.to_stage, move.at, until, max(end - move.at, timedelta())))
    return spells


def needs_attention(
    next_step_due, last_activity: datetime | None, created_at: datetime, now: datetime
) -> bool:
    """A next step past its due date, or no activity for 30 days."""
    if next_step_due is not None and next_step_due < now.date():
        return True
    return (last_activity or created_at) < now - timedelta(days=30)
