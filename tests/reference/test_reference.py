"""Reference data: loaded from the shipped JSON, idempotently; editable by admins."""

from __future__ import annotations

from sqlalchemy import func, select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.reference.loader import load_reference_data, shipped_reference
from crm.reference.models import Post, Stage, Theme


def test_every_shipped_code_is_loaded(app):
    data = shipped_reference()
    assert db.session.scalar(select(func.count(Post.code))) == len(data["posts"])
    stages = db.session.scalars(select(Stage).order_by(Stage.position)).all()
    assert [s.code for s in stages] == [s["code"] for s in data["stages"]]
    assert {s.code: s.probability for s in stages}["proposal"] == 50


def test_loading_again_adds_nothing_and_keeps_admin_edits(app):
    theme = db.session.get(Theme, "mobility")
    theme.label = "Edited by an admin"
    db.session.flush()
    assert load_reference_data(db.session) == 0
    assert db.session.get(Theme, "mobility").label == "Edited by an admin"


def test_admin_edits_a_label_and_it_is_audited(client, login, make_user):
    login(make_user("admin"))
    response = client.post("/admin/reference/themes/ageing", data={"label": "Elderly care"})
    assert response.status_code == 303
    assert db.session.get(Theme, "ageing").label == "Elderly care"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reference.update"))
    assert entry.before["label"] == "Ageing and elderly care"
    assert entry.after["label"] == "Elderly care"


def test_invalid_probability_is_refused_beside_the_field(client, login, make_user):
    login(make_user("admin"))
    response = client.post(
        "/admin/reference/stages/proposal", data={"label": "Proposal", "probability": "140"}
    )
    assert response.status_code == 422
    assert db.session.get(Stage, "proposal").probability == 50
