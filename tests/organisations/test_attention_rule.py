"""The pure "needs attention" rule (no app, no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crm.organisations.attention import (
    DUE,
    NO_NEXT_STEP,
    OVERDUE,
    QUIET,
    QuestionFacts,
    attention_reasons,
    days_overdue,
    last_touched,
    needs_attention,
)

TODAY = date(2026, 6, 15)
RECENT = datetime(2026, 6, 1, 9, 0)
OLD = datetime(2026, 4, 1, 9, 0)


def facts(**changes) -> QuestionFacts:
    values = {"is_open": True, "next_step": "Call", "next_step_due": date(2026, 6, 20),
              "created_at": RECENT}  # fmt: skip
    return QuestionFacts(**(values | changes))


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({}, []),
        ({"next_step": ""}, [NO_NEXT_STEP]),
        ({"next_step": "  "}, [NO_NEXT_STEP]),
        ({"next_step_due": None}, [NO_NEXT_STEP]),
        ({"next_step_due": TODAY}, [DUE]),
        ({"next_step_due": date(2026, 6, 14)}, [OVERDUE]),
        ({"created_at": OLD}, [QUIET]),
        ({"created_at": OLD, "last_activity": date(2026, 5, 16)}, []),  # exactly 30 days ago
        ({"created_at": OLD, "last_activity": date(2026, 5, 15)}, [QUIET]),
        ({"created_at": OLD, "last_move": datetime(2026, 6, 10, 8, 0)}, []),
        ({"created_at": OLD, "next_step_due": date(2026, 1, 1)}, [OVERDUE, QUIET]),
        ({"created_at": OLD, "next_step": "", "next_step_due": None}, [NO_NEXT_STEP, QUIET]),
        ({"is_open": False, "next_step": "", "created_at": OLD}, []),
    ],
)
def test_reasons(changes, reasons):
    assert attention_reasons(facts(**changes), TODAY) == reasons
    assert needs_attention(facts(**changes), TODAY) is bool(reasons)


def test_last_touched_and_days_overdue():
    assert last_touched(facts(created_at=OLD, last_activity=date(2026, 5, 1))) == date(2026, 5, 1)
    assert last_touched(facts(created_at=OLD)) == OLD.date()
    assert days_overdue(date(2026, 6, 10), TODAY) == 5
    assert days_overdue(date(2026, 6, 20), TODAY) == 0
    assert days_overdue(None, TODAY) == 0
