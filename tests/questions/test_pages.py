"""The question pages in the browser's shoes: create, read, edit, conflicts, submissions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.questions.models import Question

FORM = {
    "title": "Safer cycling to school",
    "description": "The city wants safer routes for children on bikes.",
    "country": "DE",
    "post": "duesseldorf-cg",
    "organisation": "Stadt Düsseldorf",
    "themes": ["mobility", "safety"],
    "disciplines": ["urbanism"],
    "estimated_value": "125000.50",
    "currency": "",
    "expected_decision": "2026-09-01",
    "next_step": "Call the mobility office",
    "next_step_due": "2026-06-01",
}


def test_bd_creates_a_question_and_owns_it(client, login, make_user):
    bd = make_user("bd")
    login(bd)
    response = client.post("/questions", data=FORM)
    assert response.status_code == 303
    question = db.session.scalar(select(Question).where(Question.title == FORM["title"]))
    assert response.headers["Location"].endswith(f"/questions/{question.id}")
    assert (question.owner_id, question.stage_code, question.currency) == (bd.id, "sourced", "EUR")
    assert question.estimated_value_minor == 12_500_050
    assert [t.code for t in question.themes] == ["mobility", "safety"]
    assert question.stage_changes[0].from_stage is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.create"))
    assert entry.after["title"] == FORM["title"]


def test_the_form_shows_errors_beside_the_fields(client, login, make_user):
    login(make_user("bd"))
    bad = FORM | {"title": "", "post": "shanghai-cg", "estimated_value": "12,5,0"}
    response = client.post("/questions", data=bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.count('class="field-error"') >= 2
    assert db.session.scalar(select(Question.id)) is None
    response = client.post("/questions", data=FORM | {"post": "shanghai-cg"})
    assert response.status_code == 422
    assert "not in the chosen country" in response.get_data(as_text=True)


def test_bd_cannot_create_in_another_country(client, login, make_user):
    login(make_user("bd"))
    assert client.post("/questions", data=FORM | {"country": "US", "post": ""}).status_code == 403


def test_detail_page_shows_everything(client, login, make_user, make_question, make_organisation):
    bd = make_user("bd", name="Berit")
    question = make_question(
        owner=bd,
        post_code="berlin-embassy",
        organisation=make_organisation(name="Charité"),
        themes=["health"],
        disciplines=["service-design"],
        estimated_value_minor=500_000,
        next_step="Send proposal",
        next_step_due=date(2020, 1, 1),
        expected_decision=date(2030, 1, 1),
    )
    login(make_user("topteam"))
    html = client.get(f"/questions/{question.id}").get_data(as_text=True)
    for text in ("Charité", "Berit", "Berlin", "Send proposal", "overdue", "Matching arrives"):
        assert text in html
    assert "5,000.00" in html
    assert "Stage history" in html


def test_edit_saves_and_audits_before_and_after(client, login, make_user, make_question):
    bd = make_user("bd")
    question = make_question(owner=bd, title="Old title")
    login(bd)
    page = client.get(f"/questions/{question.id}/edit")
    assert page.status_code == 200 and "Old title" in page.get_data(as_text=True)
    data = FORM | {"title": "New title", "version": "1", "probability_override": "40"}
    response = client.post(f"/questions/{question.id}/edit", data=data)
    assert response.status_code == 303
    db.session.refresh(question)
    assert (question.title, question.version, question.probability_override) == (
        "New title",
        2,
        40,
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.update"))
    assert entry.before["title"] == "Old title" and entry.after["title"] == "New title"


def test_stale_save_is_refused_showing_what_changed_and_keeping_the_input(
    client, login, make_user, make_question
):
    bd, colleague = make_user("bd", name="Me"), make_user("bd", name="Colleague")
    question = make_question(owner=bd)
    login(colleague)
    client.post(f"/questions/{question.id}/edit", data=FORM | {"title": "Theirs", "version": "1"})
    login(bd)
    response = client.post(
        f"/questions/{question.id}/edit", data=FORM | {"title": "Mine, typed", "version": "1"}
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Mine, typed" in html  # nothing typed is lost
    assert "Colleague" in html and "Theirs" in html  # what changed meanwhile
    assert 'name="version" type="hidden" value="2"' in html
    db.session.refresh(question)
    assert question.title == "Theirs"


def test_non_owner_cannot_set_the_probability(client, login, make_user, make_question):
    question = make_question(owner=make_user("bd"))
    login(make_user("bd"))
    data = FORM | {"version": "1", "probability_override": "90"}
    assert client.post(f"/questions/{question.id}/edit", data=data).status_code == 303
    db.session.refresh(question)
    assert question.probability_override is None


def test_post_user_submits_lands_sourced_unclaimed_and_bds_are_notified(client, login, make_user):
    from crm.notifications.models import Notification

    bd_de, bd_us = make_user("bd"), make_user("bd", country_code="US", lab_code="lab-us")
    post_user = make_user("post")
    login(post_user)
    form = client.get("/questions/new").get_data(as_text=True)
    assert "Submit a question for your post" in form and "estimated_value" not in form
    data = {
        "title": "Elderly care at home",
        "description": "A care group asks.",
        "themes": "ageing",
    }
    response = client.post("/questions", data=data)
    assert response.status_code == 303
    question = db.session.scalar(select(Question))
    assert (question.stage_code, question.owner_id, question.post_code, question.source) == (
        "sourced",
        None,
        "berlin-embassy",
        "post",
    )
    notified = db.session.scalars(select(Notification.user_id)).all()
    assert bd_de.id in notified and bd_us.id not in notified
    login(bd_de)
    home = client.get("/").get_data(as_text=True)
    assert "Elderly care at home" in home and "Unclaimed questions" in home
    login(post_user)
    home = client.get("/").get_data(as_text=True)
    assert "Elderly care at home" in home and "not claimed yet" in home


def test_claim_from_the_page(client, login, make_user, make_question):
    question = make_question(post_code="berlin-embassy")
    bd = make_user("bd")
    login(bd)
    assert "Claim" in client.get(f"/questions/{question.id}").get_data(as_text=True)
    assert client.post(f"/questions/{question.id}/claim").status_code == 303
    db.session.refresh(question)
    assert question.owner_id == bd.id
    login(make_user("bd"))
    response = client.post(f"/questions/{question.id}/claim", follow_redirects=True)
    assert "already has an owner" in response.get_data(as_text=True)


def test_post_user_sees_only_their_posts_questions(client, login, make_user, make_question):
    mine = make_question(post_code="berlin-embassy", title="Ours")
    other = make_question(post_code="munich-cg", title="Theirs")
    login(make_user("post"))
    assert client.get(f"/questions/{mine.id}").status_code == 200
    assert client.get(f"/questions/{other.id}").status_code == 403
    html = client.get("/questions").get_data(as_text=True)
    assert "Ours" in html and "Theirs" not in html


def test_home_panels_use_a_fixed_number_of_statements(
    client, login, make_user, make_question, count_queries
):
    bd = make_user("bd")
    login(bd)

    def statements() -> int:
        with count_queries() as counter:
            assert client.get("/").status_code == 200
        return counter.count

    make_question(owner=bd, title="Mine and open")
    few = statements()
    for n in range(12):
        make_question(owner=bd if n % 2 else None, post_code="munich-cg")
    assert statements() == few
    assert "Mine and open" in client.get("/").get_data(as_text=True)


def test_topteam_home_shows_open_questions_and_eur_value_per_country(
    client, login, make_user, make_question, count_queries
):
    login(make_user("topteam"))
    make_question(country_code="DE", estimated_value_minor=1_000_000, currency="EUR")
    make_question(country_code="DE", estimated_value_minor=250_050, currency="EUR")
    with count_queries() as few:
        first = client.get("/").get_data(as_text=True)
    for _ in range(5):
        make_question(country_code="DE", estimated_value_minor=100, currency="EUR")
    with count_queries() as many:
        client.get("/")
    assert "Open pipeline per country" in first
    assert "€12,500.50" in first
    assert few.count == many.count
