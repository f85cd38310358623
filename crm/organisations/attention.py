"""When an open question needs attention: the rule, in pure Python (no Flask, no database).

An open question should always have a next step with a due date. It needs attention when:

- it has no next step, or its next step has no due date (`NO_NEXT_STEP`);
- its next step is due today (`DUE`) or was due before today (`OVERDUE`);
- nothing happened for `QUIET_DAYS` days (`QUIET`): no activity logged, no stage move, and
  it was created before that.

Closed questions (won, lost) never need attention. The same rule is written as SQL in
`crm.organisations.attention_queries` (tested against this function).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

QUIET_DAYS = 30
NO_NEXT_STEP = "no_next_step"
DUE = "due"
OVERDUE = "overdue"
QUIET = "quiet"
REASONS = (OVERDUE, DUE, NO_NEXT_STEP, QUIET)


@dataclass(frozen=True)
class QuestionFacts:
    """What the rule looks at."""

    is_open: bool
    next_step: str
    next_step_due: date | None
    created_at: datetime
    last_activity: date | None = None  # the latest logged note, call or meeting
    last_move: datetime | None = None  # the latest stage move


def last_touched(facts: QuestionFacts) -> date:
    """The day something last happened to the question."""
    days = [facts.created_at.date()]
    if facts.last_activity is not None:
        days.append(facts.last_activity)
    if facts.last_move is not None:
        days.append(facts.last_move.date())
    return max(days)


def quiet_since(today: date) -> date:
    """Questions last touched before this day are quiet."""
    return today - timedelta(days=QUIET_DAYS)


def attention_reasons(facts: QuestionFacts, today: date) -> list[str]:
    """Why the question needs attention (most urgent first); empty when it does not."""
    if not facts.is_open:
        return []
    reasons = []
    if not facts.next_step.strip() or facts.next_step_due is None:
        reasons.append(NO_NEXT_STEP)
    elif facts.next_step_due < today:
        reasons.append(OVERDUE)
    elif facts.next_step_due == today:
        reasons.append(DUE)
    if last_touched(facts) < quiet_since(today):
        reasons.append(QUIET)
    return sorted(reasons, key=REASONS.index)


def needs_attention(facts: QuestionFacts, today: date) -> bool:
    """Whether an open question needs its owner's attention today."""
    return bool(attention_reasons(facts, today))


def days_overdue(due: date | None, today: date) -> int:
    """How many days a next step is overdue (0 when not)."""
    return max((today - due).days, 0) if due is not None else 0
