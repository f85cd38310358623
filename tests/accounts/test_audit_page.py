"""The audit log page: read-only, paginated, filtered."""

from __future__ import annotations

from crm.audit.service import record
from crm.extensions import db


def test_audit_page_filters_by_action_and_user(client, login, make_user):
    admin = make_user("admin", email="the.admin@test.example")
    other = make_user("bd", email="someone@test.example")
    record("user.update", other, before={"role": "post"}, after={"role": "bd"}, user_id=admin.id)
    record("question.create", object_type="questions", object_id=7, user_id=other.id)
    db.session.commit()
    login(admin)
    html = client.get("/admin/audit?action=user.update").get_data(as_text=True)
    assert "user.update" in html and "the.admin@test.example" in html
    assert "<del>post</del>" in html and "questions 7" not in html
    html = client.get("/admin/audit?user=someone@").get_data(as_text=True)
    assert "questions 7" in html and "<del>post</del>" not in html
    html = client.get("/admin/audit?object_type=questions&object_id=7").get_data(as_text=True)
    assert "questions 7" in html


def test_audit_page_has_a_fixed_number_of_statements(client, login, make_user, count_queries):
    admin = make_user("admin")
    login(admin)
    counts = []
    for n in (5, 60):
        for i in range(n):
            user = make_user("bd")
            record("test.action", user, after={"n": i}, user_id=user.id)
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/admin/audit").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert "Page 1 of" in client.get("/admin/audit").get_data(as_text=True)
