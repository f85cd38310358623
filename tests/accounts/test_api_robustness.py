"""Regressions found by the schema fuzzer (scripts/fuzz_api.sh) in the token endpoints."""

from __future__ import annotations

from datetime import UTC, datetime

from crm.auth.service import create_token
from crm.extensions import db


def _headers(user) -> dict[str, str]:
    token = create_token(user, "cli")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_revoking_a_huge_token_id_is_404(client, make_user):
    # Past 64 bits the driver raised instead of finding no row.
    response = client.delete(
        "/api/v1/tokens/99999999999999999999999", headers=_headers(make_user("bd"))
    )
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_token_moments_carry_an_offset(client, make_user):
    headers = _headers(make_user("bd"))
    created = client.post("/api/v1/tokens", json={"name": "laptop"}, headers=headers).json
    assert datetime.fromisoformat(created["created_at"]).tzinfo == UTC
    listed = client.get("/api/v1/tokens", headers=headers).json["items"]
    assert all(t["created_at"].endswith("+00:00") for t in listed)
