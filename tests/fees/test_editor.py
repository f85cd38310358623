"""The admins' fee format editor: rows with HTMX, errors beside fields, publish, versions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crm.extensions import db
from crm.fees.models import FeeFormat

HTMX = {"HX-Request": "true"}


@pytest.fixture
def admin(client, login, make_user):
    return login(make_user("admin"))


def _form(**changes) -> dict[str, str]:
    """The editor's fields for the fee-formats.md document."""
    data = {
        "name": "Edited standard",
        "effective_from": "2026-01-01",
        "minimum_fee": "1500.00",
        "cap": "40000.00",
        "notes": "Success fee.",
        "tiers-0-up_to": "50000.00",
        "tiers-0-rate": "10",
        "tiers-1-up_to": "250000.00",
        "tiers-1-rate": "7.5",
        "tiers-2-rate": "5",
        "split-0-party": "business_developer",
        "split-0-share": "70",
        "split-1-party": "lab",
        "split-1-share": "30",
        "action": "publish",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _count() -> int:
    return db.session.scalar(select(func.count(FeeFormat.id)))


def test_new_page_starts_with_one_tier_and_one_party(admin):
    response = admin.get("/fee-formats/new")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'name="tiers-0-rate"' in page
    assert 'name="tiers-1-rate"' not in page
    assert 'name="split-0-share"' in page
    assert 'value="add-tier"' in page


def test_add_tier_returns_the_form_fragment_with_one_more_row(admin):
    response = admin.post("/fee-formats/new", data=_form(action="add-tier"), headers=HTMX)
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith('<form id="fee-format-form"')
    assert "<html" not in fragment
    assert 'name="tiers-3-rate"' in fragment
    assert 'name="tiers-2-up_to"' in fragment  # the former last tier now needs a limit
    assert 'id="tiers-2-up_to"' in fragment and "autofocus" in fragment
    assert 'value="Edited standard"' in fragment  # typed values are kept
    assert _count() == 0


def test_remove_rows(admin):
    response = admin.post("/fee-formats/new", data=_form(action="remove-tier-1"), headers=HTMX)
    fragment = response.get_data(as_text=True)
    assert 'name="tiers-2-rate"' not in fragment
    assert 'value="250000.00"' not in fragment
    response = admin.post("/fee-formats/new", data=_form(action="remove-split-0"), headers=HTMX)
    fragment = response.get_data(as_text=True)
    assert 'name="split-1-share"' not in fragment
    assert 'value="30"' in fragment


def test_add_party_picks_a_free_one(admin):
    response = admin.post("/fee-formats/new", data=_form(action="add-split"), headers=HTMX)
    fragment = response.get_data(as_text=True)
    assert 'name="split-2-party"' in fragment
    assert '<option selected value="programme">' in fragment


def test_publish_with_errors_shows_them_beside_the_fields(admin):
    data = _form(**{"tiers-1-up_to": "40000.00", "split-1-share": "20", "name": ""})
    response = admin.post("/fee-formats/new", data=data, headers=HTMX)
    assert response.status_code == 422
    fragment = response.get_data(as_text=True)
    assert 'id="tiers-1-up_to-error"' in fragment
    assert "must be greater than the previous tier" in fragment
    assert 'id="name-error"' in fragment
    assert 'id="split-error"' in fragment
    assert "shares must add up to exactly 100, not 90" in fragment
    assert _count() == 0


def test_publish_without_htmx_redirects_to_the_format(admin):
    response = admin.post("/fee-formats/new", data=_form())
    assert response.status_code == 303
    fmt = db.session.scalar(select(FeeFormat))
    assert response.headers["Location"].endswith(f"/fee-formats/{fmt.id}")
    assert fmt.document["tiers"][2] == {"up_to": None, "rate": "5"}
    assert fmt.version == 1


def test_publish_with_htmx_asks_htmx_to_change_page(admin):
    response = admin.post("/fee-formats/new", data=_form(), headers=HTMX)
    assert response.status_code == 200
    fmt = db.session.scalar(select(FeeFormat))
    assert response.headers["HX-Redirect"] == f"/fee-formats/{fmt.id}"


def test_a_taken_name_is_refused_beside_the_field(admin, make_fee_format):
    make_fee_format(name="Edited standard")
    response = admin.post("/fee-formats/new", data=_form(), headers=HTMX)
    assert response.status_code == 409
    assert 'id="name-error"' in response.get_data(as_text=True)


def test_revise_publishes_the_next_version(admin, make_fee_format):
    fmt = make_fee_format(name="Revised")
    page = admin.get(f"/fee-formats/{fmt.id}/revise").get_data(as_text=True)
    assert 'value="Revised"' in page
    assert 'value="40000.00"' in page
    response = admin.post(
        f"/fee-formats/{fmt.id}/revise", data=_form(name="Revised", cap="45000.00")
    )
    assert response.status_code == 303
    new = db.session.scalar(select(FeeFormat).where(FeeFormat.version == 2))
    assert new.format_key == fmt.format_key
    assert new.cap_cents == 4_500_000
    assert db.session.get(FeeFormat, fmt.id).cap_cents == 4_000_000


def test_revise_of_an_older_or_retired_version_is_409(admin, make_fee_format):
    fmt = make_fee_format(name="Stale")
    admin.post(f"/fee-formats/{fmt.id}/revise", data=_form(name="Stale"))
    response = admin.get(f"/fee-formats/{fmt.id}/revise")
    assert response.status_code == 409
    assert "not the latest version" in response.get_data(as_text=True)
    newest = db.session.scalar(select(FeeFormat).where(FeeFormat.version == 2))
    admin.post(f"/fee-formats/{newest.id}/retire")
    response = admin.post(f"/fee-formats/{newest.id}/revise", data=_form(name="Stale"))
    assert response.status_code == 409
    assert "is retired" in response.get_data(as_text=True)
    assert _count() == 2


def test_retire_twice_shows_a_clear_message(admin, make_fee_format):
    fmt = make_fee_format()
    first = admin.post(f"/fee-formats/{fmt.id}/retire", follow_redirects=True)
    assert "is retired: no new deal may use it" in first.get_data(as_text=True)
    second = admin.post(f"/fee-formats/{fmt.id}/retire", follow_redirects=True)
    assert "Version 1 is already retired." in second.get_data(as_text=True)
    assert db.session.get(FeeFormat, fmt.id).status == "retired"


def test_admin_sees_the_actions_on_the_format_page(admin, make_fee_format):
    fmt = make_fee_format()
    page = admin.get(f"/fee-formats/{fmt.id}").get_data(as_text=True)
    assert "Publish a new version" in page
    assert "Retire this version" in page


def test_published_rows_cannot_be_changed(app, make_fee_format):
    from crm.fees.models import PublishedFormatIsImmutable

    fmt = make_fee_format()
    fmt.cap_cents = 1
    with pytest.raises(PublishedFormatIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_csrf_is_required_for_the_editor(app, admin):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = admin.post("/fee-formats/new", data=_form())
        assert response.status_code == 400
        assert _count() == 0
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
