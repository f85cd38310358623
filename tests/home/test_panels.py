"""Home panels of the shell: the admin's set-up list, the topteam's way in, empty states."""

from __future__ import annotations

import pytest

from crm.extensions import db
from crm.home.role_panels import admin_setup
from crm.notifications.models import Notification  # noqa: F401  (models loaded)


def test_admin_sees_what_needs_setting_up(client, login, make_user, make_invitation):
    admin = make_user("admin")
    make_user("bd", country_code=None, lab_code=None)
    make_invitation()
    login(admin)
    html = client.get("/").get_data(as_text=True)
    assert 'id="panel-admin-setup"' in html
    assert "Users without the scope their role needs" in html
    assert "Invitations not yet accepted" in html
    assert "Run a self-check" in html


def test_admin_panel_is_one_statement(app, make_user, count_queries):
    admin = make_user("admin")
    with app.test_request_context("/"), count_queries() as counter:
        panel = admin_setup(admin)
    assert counter.count == 1
    assert panel["template"] == "home/_admin_setup.html"


def test_admin_panel_points_to_missing_fee_formats_and_rates(app, make_user):
    admin = make_user("admin")
    with app.test_request_context("/"):
        texts = [str(item["text"]) for item in admin_setup(admin)["todo"]]
    from crm.home.role_panels import _model

    if _model("crm.fees.models", "FeeFormat") is not None:
        assert "No fee format is published yet." in texts
        assert "No exchange rates yet." in texts


def test_topteam_gets_the_pipeline_panel(client, login, make_user):
    login(make_user("topteam"))
    html = client.get("/").get_data(as_text=True)
    assert 'id="panel-topteam"' in html


@pytest.mark.parametrize("role", ["bd", "post", "firm"])
def test_every_role_has_a_helpful_home(role, client, login, make_user):
    login(make_user(role))
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'class="home-panel"' in html or 'id="panel-empty"' in html


def test_empty_state_speaks_to_the_role(app, client, login, make_user, monkeypatch):
    from crm.home import views

    monkeypatch.setattr(views, "panels_for", lambda user: [])
    login(make_user("post"))
    html = client.get("/").get_data(as_text=True)
    assert 'id="panel-empty"' in html and "questions your post submitted" in html
    db.session.rollback()
