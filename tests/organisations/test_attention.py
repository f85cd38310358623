"""The attention list, its home panel, and the due-date notifications."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from crm.extensions import db
from crm.jobs import worker
from crm.jobs.service import enqueue
from crm.notifications.models import Notification
from crm.organisations.attention import QuestionFacts, attention_reasons
from crm.organisations.attention_queries import AttentionFilters, attention_statement
from crm.organisations.jobs import NOTIFY_DUE_KIND
from crm.organisations.models import NextStepReminder
from crm.organisations.reminders import notify_due_next_steps
from crm.organisations.views_attention import attention_panel
from crm.questions.models import Activity, Question, StageChange

TODAY = date.today()
LONG_AGO = datetime.now() - timedelta(days=60)


def _fine(make_question, **fields):
    values = {"next_step": "Call back", "next_step_due": TODAY + timedelta(days=5)}
    return make_question(**(values | fields))


def _scenarios(make_question, owner):
    """title -> whether it needs attention."""
    _fine(make_question, title="fine", owner=owner)
    _fine(make_question, title="no step", owner=owner, next_step="")
    _fine(make_question, title="no due", owner=owner, next_step_due=None)
    _fine(make_question, title="due", owner=owner, next_step_due=TODAY)
    _fine(make_question, title="overdue", owner=owner, next_step_due=TODAY - timedelta(days=3))
    _fine(make_question, title="quiet", owner=owner, created_at=LONG_AGO)
    old_but_active = _fine(make_question, title="active", owner=owner, created_at=LONG_AGO)
    db.session.add(Activity(question_id=old_but_active.id, kind="note", happened_on=TODAY,
                            text="x", created_at=datetime.now()))  # fmt: skip
    moved = _fine(make_question, title="moved", owner=owner, created_at=LONG_AGO)
    for change in moved.stage_changes:
        change.at = LONG_AGO
    db.session.add(StageChange(question_id=moved.id, from_stage="sourced", to_stage="qualified",
                               at=datetime.now(), note="", reason=""))  # fmt: skip
    _fine(make_question, title="lost", owner=owner, stage="lost", next_step="")
    db.session.commit()
    return {"fine": False, "no step": True, "no due": True, "due": True, "overdue": True,
            "quiet": True, "active": False, "moved": False, "lost": False}  # fmt: skip


def test_sql_and_the_pure_rule_agree(app, make_user, make_question):
    bd = make_user("bd")
    expected = _scenarios(make_question, bd)
    found = set(db.session.scalars(
        attention_statement(bd, AttentionFilters("mine"), TODAY).with_only_columns(Question.title)
    ))  # fmt: skip
    assert found == {title for title, flagged in expected.items() if flagged}
    for question in db.session.scalars(select(Question)):
        last_activity = db.session.scalar(
            select(func.max(Activity.happened_on)).where(Activity.question_id == question.id)
        )
        last_move = db.session.scalar(
            select(func.max(StageChange.at)).where(StageChange.question_id == question.id)
        )
        facts = QuestionFacts(question.stage_code != "lost", question.next_step,
                              question.next_step_due, question.created_at, last_activity,
                              last_move)  # fmt: skip
        assert bool(attention_reasons(facts, TODAY)) == expected[question.title], question.title


def test_bd_sees_their_own_then_their_country(client, login, make_user, make_question):
    bd, colleague = make_user("bd", name="Berit"), make_user("bd", name="Carl")
    _fine(make_question, title="Mine overdue", owner=bd, next_step_due=TODAY - timedelta(days=2))
    _fine(make_question, title="Colleague one", owner=colleague, next_step="")
    _fine(make_question, title="Unclaimed one", next_step="")
    _fine(make_question, title="American", country="US", next_step="")
    login(bd)
    html = client.get("/attention").get_data(as_text=True)
    assert "Mine overdue" in html and "2 days" in html and "Colleague" not in html
    html = client.get("/attention?scope=country").get_data(as_text=True)
    assert all(t in html for t in ("Mine overdue", "Colleague one", "Unclaimed one"))
    assert "American" not in html
    assert html.index("Berit") < html.index("Carl") < html.index("Unclaimed one")
    assert "American" not in client.get("/attention?scope=all").get_data(as_text=True)


def test_admins_see_everyone_grouped_with_counts(client, login, make_user, make_question):
    bd = make_user("bd", name="Berit")
    for n in range(3):
        _fine(make_question, title=f"Berit {n}", owner=bd, next_step="")
    _fine(make_question, title="American", country="US", next_step="")
    login(make_user("topteam"))
    html = client.get("/attention").get_data(as_text=True)
    assert "Berit 0" in html and "American" in html and "Per owner" in html
    assert client.get("/attention?country=US").get_data(as_text=True).count("Berit 0") == 0
    only = client.get(f"/attention?owner={bd.id}").get_data(as_text=True)
    assert "Berit 2" in only and "American" not in only
    assert client.get("/attention?scope=bogus&country=XX&owner=x&page=y").status_code == 200


def test_empty_state(client, login, make_user):
    login(make_user("bd"))
    assert "Nothing falls through the cracks" in client.get("/attention").get_data(as_text=True)


@pytest.mark.parametrize("rows", [5, 50])
def test_list_and_panel_run_a_fixed_number_of_statements(
    rows, client, login, make_user, make_question, count_queries
):
    bd = make_user("bd")
    for n in range(rows):
        _fine(make_question, title=f"Q{n}", owner=bd, next_step="")
    login(bd)
    with count_queries() as counter:
        assert client.get("/attention?scope=country").status_code == 200
    # country codes, stages, count, rows, last activities, last moves, per owner, countries
    assert counter.count == 8, counter.statements
    assert "Needs your attention" in client.get("/").get_data(as_text=True)
    with client.application.test_request_context(), count_queries() as counter:
        panel = attention_panel(bd)
    assert panel["page"].total == rows and len(panel["page"].rows) == min(rows, 6)
    # count, rows, last activities, last moves (stages are read once per request)
    assert counter.count == 4, counter.statements


def test_owners_are_notified_once_per_due_date(app, make_user, make_question):
    bd = make_user("bd")
    due = _fine(make_question, title="Due today", owner=bd, next_step_due=TODAY)
    _fine(make_question, title="Missed run", owner=bd, next_step_due=TODAY - timedelta(days=2))
    _fine(make_question, title="Long ago", owner=bd, next_step_due=TODAY - timedelta(days=30))
    _fine(make_question, title="Unowned", next_step_due=TODAY)
    _fine(make_question, title="Closed", owner=bd, stage="lost", next_step_due=TODAY)
    _fine(make_question, title="Later", owner=bd)
    assert notify_due_next_steps(TODAY) == 2
    db.session.commit()
    texts = sorted(
        db.session.scalars(select(Notification.text).where(Notification.user_id == bd.id))
    )
    assert texts[0].startswith("Next step due today") and "Due today" in texts[0]
    assert "overdue since" in texts[1]
    assert notify_due_next_steps(TODAY) == 0  # idempotent
    due.next_step_due = TODAY + timedelta(days=1)  # a new due date is a new reminder
    db.session.commit()
    assert notify_due_next_steps(TODAY + timedelta(days=1)) == 1
    assert db.session.scalar(select(func.count(NextStepReminder.id))) == 3


def test_cli_command_and_job(app, make_user, make_question):
    bd = make_user("bd")
    _fine(make_question, title="Due", owner=bd, next_step_due=date(2026, 3, 2))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["crm", "notify-due", "--date", "2026-03-02"])
    assert result.exit_code == 0, result.output
    assert "Notified 1" in result.output
    assert runner.invoke(args=["crm", "notify-due", "--date", "2026-03-02"]).exit_code == 0
    assert db.session.scalar(select(func.count(Notification.id))) == 1
    _fine(make_question, title="Due later", owner=bd, next_step_due=date(2026, 3, 9))
    enqueue(NOTIFY_DUE_KIND, make_user("admin"), "Reminders", {"date": "2026-03-09"})
    db.session.commit()
    worker.run_one()
    assert db.session.scalar(select(func.count(Notification.id))) == 2
    enqueue(NOTIFY_DUE_KIND, make_user("admin"), "Reminders", {"date": "nope"})
    db.session.commit()
    worker.run_one()
    from crm.jobs.models import Job

    failed = db.session.scalars(select(Job).where(Job.status == "failed")).all()
    assert len(failed) == 1 and "ISO date" in failed[0].error
