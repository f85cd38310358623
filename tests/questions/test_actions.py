"""Stage moves, the board, activities and attachments through the pages (HTMX)."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.fees.models import ExchangeRate
from crm.questions.models import Question, QuestionAttachment

HX = {"HX-Request": "true"}


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def test_stage_move_on_the_detail_page_returns_the_panel(client, login, make_user, make_question):
    owner = make_user("bd")
    question = make_question(owner=owner)
    login(owner)
    page = client.get(f"/questions/{question.id}").get_data(as_text=True)
    assert f'hx-post="/questions/{question.id}/stage"' in page
    response = client.post(
        f"/questions/{question.id}/stage",
        data={"stage": "qualified", "note": "Call went well", "version": "1"},
        headers=HX,
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="stage"')
    assert "Call went well" in html and "Qualified" in html
    db.session.refresh(question)
    assert (question.stage_code, question.version) == ("qualified", 2)


def test_stage_refusals_on_the_page(client, login, make_user, make_question):
    owner = make_user("bd")
    question = make_question(owner=owner)
    login(owner)
    path = f"/questions/{question.id}/stage"
    won = client.post(path, data={"stage": "won"}, headers=HX)
    assert won.status_code == 422 and "signing a deal" in won.get_data(as_text=True)
    lost = client.post(path, data={"stage": "lost"}, headers=HX)
    assert lost.status_code == 422 and "Say why" in lost.get_data(as_text=True)
    stale = client.post(path, data={"stage": "matching", "version": "9"}, headers=HX)
    assert stale.status_code == 409
    ok = client.post(path, data={"stage": "lost", "reason": "Went elsewhere"})
    assert ok.status_code == 303  # without HTMX: back to the page
    login(make_user("bd"))
    assert client.post(path, data={"stage": "qualified"}, headers=HX).status_code == 403


def test_board_shows_open_columns_with_count_and_eur_value(client, login, make_user, make_question):
    db.session.add(ExchangeRate(currency="USD", day=date.today(), rate_millionths=2_000_000))
    db.session.commit()
    make_question(country="US", stage="proposal", estimated_value_minor=400_000, title="Big one")
    make_question(country="US", stage="proposal", estimated_value_minor=100_000)
    make_question(country="US", stage="lost", title="Gone")
    make_question(country="DE", title="Elsewhere")
    login(make_user("topteam"))
    page = client.get("/questions/board?country=US")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "sortable-1.15.7.min.js" in html
    assert "Big one" in html and "Gone" not in html and "Elsewhere" not in html
    assert "2 questions" in html and "€2,500.00" in html
    assert "Won" not in [line.strip() for line in html.splitlines() if "<h2" in line]
    assert 'data-stage="on-hold"' in html
    assert "data-move-form" not in html  # topteam reads, does not move
    assert client.get("/questions/board?country=XX").status_code == 404


def test_board_move_answers_with_the_board(client, login, make_user, make_question):
    bd = make_user("bd")
    question = make_question(owner=bd, title="Drag me")
    login(bd)
    assert "data-move-form" in client.get("/questions/board").get_data(as_text=True)
    response = client.post(
        f"/questions/{question.id}/stage",
        data={"stage": "matching", "version": "1", "target": "board"},
        headers=HX,
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="board"')
    db.session.refresh(question)
    assert question.stage_code == "matching"
    again = client.post(
        f"/questions/{question.id}/stage",
        data={"stage": "matching", "version": "2", "target": "board"},
        headers=HX,
    )
    assert again.status_code == 422 and "already in this stage" in again.get_data(as_text=True)


def test_activity_is_added_inline_and_becomes_searchable(client, login, make_user, make_question):
    bd = make_user("bd")
    question = make_question(owner=bd)
    login(bd)
    response = client.post(
        f"/questions/{question.id}/activities",
        data={"kind": "call", "happened_on": "2026-02-03", "text": "Spoke with the alderman"},
        headers=HX,
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="activities"') and "alderman" in html
    found = client.get("/questions?q=alderman", headers=HX).get_data(as_text=True)
    assert question.title in found
    bad = client.post(
        f"/questions/{question.id}/activities",
        data={"kind": "party", "happened_on": "", "text": ""},
        headers=HX,
    )
    assert bad.status_code == 422 and "field-error" in bad.get_data(as_text=True)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.activity"))


def test_attachments_upload_serve_and_remove(client, login, make_user, make_question):
    post_user = make_user("post")
    question = make_question(post_code="berlin-embassy")
    login(post_user)
    response = client.post(
        f"/questions/{question.id}/attachments",
        data={"file": (_png(), "brief.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    attachment = db.session.scalar(select(QuestionAttachment))
    url = f"/questions/{question.id}/attachments/{attachment.id}"
    served = client.get(url)
    served.close()
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    login(make_user("post", post_code="munich-cg"))
    assert client.get(url).status_code == 403
    login(make_user("topteam"))
    served = client.get(url)
    served.close()
    assert served.status_code == 200
    assert client.post(url + "/delete").status_code == 403
    login(post_user)
    assert client.post(url + "/delete").status_code == 303
    assert db.session.scalar(select(QuestionAttachment.id)) is None


def test_upload_refuses_what_is_not_an_image_or_pdf(client, login, make_user, make_question):
    bd = make_user("bd")
    question = make_question(owner=bd)
    login(bd)
    response = client.post(
        f"/questions/{question.id}/attachments",
        data={"file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "brief.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True)
    assert db.session.scalar(select(QuestionAttachment.id)) is None


def test_attachment_of_another_question_is_404(
    client, login, make_user, make_question, make_attachment
):
    first, second = make_question(), make_question()
    attachment = make_attachment(first)
    login(make_user("admin"))
    assert client.get(f"/questions/{second.id}/attachments/{attachment.id}").status_code == 404


def test_mark_won_for_the_deals_feature(app, make_user, make_question):
    from types import SimpleNamespace

    from crm.questions.domain import MoveRefused
    from crm.questions.service import mark_won

    signer = make_user("bd")
    question = make_question(owner=signer, stage="negotiation")
    change = mark_won(question, signer, SimpleNamespace(id=42))
    assert (question.stage_code, change.by_id, change.note) == ("won", signer.id, "Deal 42 signed")
    lost = make_question(stage="lost")
    try:
        mark_won(lost, signer, SimpleNamespace(id=43))
    except MoveRefused as err:
        assert err.status == 409
    else:
        raise AssertionError("a closed question cannot be won")
    assert db.session.get(Question, lost.id).stage_code == "lost"


def test_is_open(app, make_question):
    from crm.questions.service import is_open

    assert is_open(make_question(stage="on-hold"))
    assert not is_open(make_question(stage="won"))


def test_htmx_moves_carry_the_csrf_header(app, client, login, make_user, make_question):
    import re

    owner = make_user("bd")
    question = make_question(owner=owner)
    login(owner)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        page = client.get("/questions/board").get_data(as_text=True)
        token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
        data = {"stage": "qualified", "version": "1", "target": "board"}
        path = f"/questions/{question.id}/stage"
        assert client.post(path, data=data, headers=HX).status_code == 400
        response = client.post(path, data=data, headers=HX | {"X-CSRFToken": token})
        assert response.status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
