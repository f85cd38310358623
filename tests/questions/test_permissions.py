"""Who may see and change questions: the pure predicates, without an app."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from crm.questions import permissions as can


def user(role, id=1, country=None, post=None):
    return SimpleNamespace(
        role=role, id=id, country_code=country, post_code=post, is_authenticated=True
    )


def question(country="DE", post=None, owner_id=None):
    return SimpleNamespace(country_code=country, post_code=post, owner_id=owner_id)


BD_DE = user("bd", 1, "DE")
BD_US = user("bd", 2, "US")
ADMIN = user("admin", 3)
TOPTEAM = user("topteam", 4)
POST_BERLIN = user("post", 5, "DE", "berlin-embassy")
FIRM = user("firm", 6)
ANONYMOUS = SimpleNamespace(is_authenticated=False)
Q = question("DE", "berlin-embassy", owner_id=1)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (BD_DE, True),
        (BD_US, True),
        (ADMIN, True),
        (TOPTEAM, True),
        (POST_BERLIN, True),
        (FIRM, False),
        (ANONYMOUS, False),
        (None, False),
    ],
)
def test_view(who, expected):
    assert can.can_view_question(who, Q) is expected


def test_post_users_see_only_their_posts_questions():
    assert not can.can_view_question(POST_BERLIN, question("DE", "munich-cg"))
    assert not can.can_view_question(POST_BERLIN, question("DE", None))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (BD_DE, True),
        (BD_US, False),
        (ADMIN, True),
        (TOPTEAM, False),
        (POST_BERLIN, False),
        (FIRM, False),
    ],
)
def test_edit(who, expected):
    assert can.can_edit_question(who, Q) is expected
    assert can.can_create_in_country(who, "DE") is expected


def test_probability_is_the_owners_or_an_admins():
    assert can.can_set_probability(BD_DE, Q)
    assert can.can_set_probability(ADMIN, Q)
    assert not can.can_set_probability(user("bd", 99, "DE"), Q)
    assert not can.can_set_probability(BD_US, question("DE", owner_id=2))


def test_reopen_claim_attach():
    assert can.can_reopen_question(BD_DE, Q) and can.can_reopen_question(ADMIN, Q)
    assert not can.can_reopen_question(user("bd", 99, "DE"), Q)
    assert can.can_claim_question(BD_DE, Q) and not can.can_claim_question(BD_US, Q)
    assert not can.can_claim_question(ADMIN, Q) and not can.can_claim_question(POST_BERLIN, Q)
    assert can.can_attach_to_question(POST_BERLIN, Q)
    assert not can.can_attach_to_question(TOPTEAM, Q)
    assert not can.can_attach_to_question(user("post", 7, "DE", "munich-cg"), Q)


def test_lists_forms_and_imports():
    assert [can.can_list_questions(u) for u in (BD_DE, TOPTEAM, POST_BERLIN, FIRM)] == [
        True,
        True,
        True,
        False,
    ]
    assert can.can_use_board(TOPTEAM) and not can.can_use_board(POST_BERLIN)
    assert can.can_create_question(BD_DE) and not can.can_create_question(TOPTEAM)
    assert can.can_submit_question(POST_BERLIN) and not can.can_submit_question(BD_DE)
    assert can.can_import_questions(ADMIN) and not can.can_import_questions(TOPTEAM)
    assert not can.can_submit_question(user("post", 8, "DE", None))
