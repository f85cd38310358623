"""The stage rules and probability, tested without an app."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from crm.questions.domain import (
    LOST_NEEDS_REASON,
    WON_BY_HAND,
    Actor,
    Move,
    MoveRefused,
    StageInfo,
    check_move,
    effective_probability,
    is_reopening,
    needs_attention,
    probability_problem,
    stage_spells,
)

STAGES = {
    s.code: s
    for s in (
        StageInfo("sourced", "Sourced", 5, True),
        StageInfo("qualified", "Qualified", 15, True),
        StageInfo("matching", "Matching", 25, True),
        StageInfo("proposal", "Proposal", 50, True),
        StageInfo("negotiation", "Negotiation", 75, True),
        StageInfo("won", "Won", 100, False),
        StageInfo("lost", "Lost", 0, False),
        StageInfo("on-hold", "On hold", 0, True),
    )
}
OPEN = [code for code, s in STAGES.items() if s.open]
OWNER = Actor(user_id=7)
OTHER = Actor(user_id=8)
ADMIN = Actor(user_id=9, is_admin=True)


def move(current, target, actor=OWNER, owner_id=7, **kwargs):
    check_move(STAGES[current], STAGES.get(target), actor=actor, owner_id=owner_id, **kwargs)


@pytest.mark.parametrize("current", OPEN)
@pytest.mark.parametrize("target", OPEN)
def test_any_open_stage_moves_to_any_other_open_stage(current, target):
    if current == target:
        with pytest.raises(MoveRefused) as err:
            move(current, target, actor=OTHER)
        assert err.value.status == 422
    else:
        move(current, target, actor=OTHER)  # anyone allowed to edit, not only the owner


def test_moving_to_the_current_stage_is_refused_even_when_closed():
    with pytest.raises(MoveRefused) as err:
        move("lost", "lost", reason="again")
    assert err.value.status == 422


@pytest.mark.parametrize("current", OPEN + ["lost"])
def test_won_by_hand_is_refused_with_a_clear_message(current):
    with pytest.raises(MoveRefused) as err:
        move(current, "won", actor=ADMIN)
    assert err.value.status == 422
    assert err.value.message == WON_BY_HAND
    assert "won comes from signing a deal" in WON_BY_HAND


def test_won_by_deal_needs_an_open_question():
    move("negotiation", "won", by_deal=True)
    move("on-hold", "won", by_deal=True)
    with pytest.raises(MoveRefused) as err:
        move("lost", "won", by_deal=True, actor=ADMIN)
    assert err.value.status == 409


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_lost_needs_a_reason(reason):
    with pytest.raises(MoveRefused) as err:
        move("proposal", "lost", reason=reason)
    assert (err.value.status, err.value.field, err.value.message) == (
        422,
        "reason",
        LOST_NEEDS_REASON,
    )
    move("proposal", "lost", reason="Budget went to another city")


@pytest.mark.parametrize("closed", ["won", "lost"])
def test_reopening_is_for_the_owner_or_an_admin(closed):
    move(closed, "qualified", actor=OWNER)
    move(closed, "qualified", actor=ADMIN, owner_id=None)
    with pytest.raises(MoveRefused) as err:
        move(closed, "qualified", actor=OTHER)
    assert err.value.status == 403
    with pytest.raises(MoveRefused) as err:
        move(closed, "qualified", actor=OTHER, owner_id=None)
    assert err.value.status == 403


def test_a_closed_question_reopens_only_to_an_open_stage():
    with pytest.raises(MoveRefused) as err:
        move("won", "lost", reason="changed our mind")
    assert err.value.status == 422


def test_unknown_target_is_refused():
    with pytest.raises(MoveRefused) as err:
        move("sourced", "nowhere")
    assert err.value.status == 422


def test_is_reopening():
    assert is_reopening(STAGES["lost"], STAGES["sourced"])
    assert not is_reopening(STAGES["sourced"], STAGES["qualified"])


@pytest.mark.parametrize(
    ("stage", "override", "expected"),
    [
        ("sourced", None, 5),
        ("proposal", None, 50),
        ("proposal", 60, 60),
        ("qualified", 0, 0),
        ("won", None, 100),
        ("won", 20, 100),
        ("lost", 80, 0),
        ("on-hold", 70, 0),
    ],
)
def test_effective_probability(stage, override, expected):
    assert effective_probability(STAGES[stage], override) == expected


def test_probability_override_rules():
    assert probability_problem(STAGES["proposal"], None) is None
    assert probability_problem(STAGES["proposal"], 40) is None
    assert probability_problem(STAGES["proposal"], 101) is not None
    assert probability_problem(STAGES["proposal"], -1) is not None
    for fixed in ("won", "lost", "on-hold"):
        assert probability_problem(STAGES[fixed], 40) is not None


def test_time_spent_in_each_stage():
    start = datetime(2026, 1, 1, 9)
    moves = [
        Move("sourced", start),
        Move("qualified", start + timedelta(days=3)),
        Move("proposal", start + timedelta(days=10)),
    ]
    spells = stage_spells(moves, now=start + timedelta(days=12))
    assert [(s.stage, s.duration.days) for s in spells] == [
        ("sourced", 3),
        ("qualified", 7),
        ("proposal", 2),
    ]
    assert spells[-1].until is None
    assert stage_spells([], now=start) == []


def test_needs_attention():
    now = datetime(2026, 3, 1, 12)
    created = now - timedelta(days=60)
    assert needs_attention(date(2026, 2, 28), now, created, now)
    assert not needs_attention(date(2026, 3, 1), now, created, now)
    assert needs_attention(None, now - timedelta(days=31), created, now)
    assert not needs_attention(None, now - timedelta(days=29), created, now)
    assert needs_attention(None, None, created, now)
    assert not needs_attention(None, None, now - timedelta(days=1), now)
