from tests.routes import RouteSpec


def _other_users_token(request) -> int:
    from crm.auth.service import issue_token
    from crm.extensions import db

    owner = request.getfixturevalue("make_user")("topteam")
    api_token, _token = issue_token(owner, "someone else's")
    db.session.commit()
    return api_token.id


def _a_user(request) -> int:
    return request.getfixturevalue("make_user")("post").id


def _an_invitation(request) -> int:
    return request.getfixturevalue("make_invitation")()[0].id


ROUTES = [
    RouteSpec("POST", "/language", public=True),
    RouteSpec("GET", "/account"),
    RouteSpec("POST", "/account/password"),
    RouteSpec("POST", "/account/tokens"),
    RouteSpec(
        "POST",
        "/account/tokens/<int:token_id>/revoke",
        wrong_role="bd",
        path=lambda r: f"/account/tokens/{_other_users_token(r)}/revoke",
        missing="/account/tokens/999999/revoke",
    ),
    RouteSpec("GET", "/admin/users", wrong_role="bd"),
    RouteSpec("GET", "/admin/users/invite", wrong_role="topteam"),
    RouteSpec("POST", "/admin/users/invite", wrong_role="post"),
    RouteSpec(
        "GET",
        "/admin/users/<int:user_id>",
        wrong_role="bd",
        path=lambda r: f"/admin/users/{_a_user(r)}",
        missing="/admin/users/999999",
    ),
    RouteSpec(
        "POST",
        "/admin/users/<int:user_id>",
        wrong_role="topteam",
        path=lambda r: f"/admin/users/{_a_user(r)}",
        missing="/admin/users/999999",
    ),
    RouteSpec(
        "POST",
        "/admin/users/<int:user_id>/disable",
        wrong_role="firm",
        path=lambda r: f"/admin/users/{_a_user(r)}/disable",
        missing="/admin/users/999999/disable",
    ),
    RouteSpec(
        "POST",
        "/admin/users/<int:user_id>/enable",
        wrong_role="bd",
        path=lambda r: f"/admin/users/{_a_user(r)}/enable",
        missing="/admin/users/999999/enable",
    ),
    RouteSpec(
        "POST",
        "/admin/users/<int:user_id>/reset-link",
        wrong_role="topteam",
        path=lambda r: f"/admin/users/{_a_user(r)}/reset-link",
        missing="/admin/users/999999/reset-link",
    ),
    RouteSpec(
        "POST",
        "/admin/invitations/<int:invitation_id>/renew",
        wrong_role="bd",
        path=lambda r: f"/admin/invitations/{_an_invitation(r)}/renew",
        missing="/admin/invitations/999999/renew",
    ),
    RouteSpec(
        "POST",
        "/admin/invitations/<int:invitation_id>/revoke",
        wrong_role="post",
        path=lambda r: f"/admin/invitations/{_an_invitation(r)}/revoke",
        missing="/admin/invitations/999999/revoke",
    ),
    RouteSpec("GET", "/admin/audit", wrong_role="topteam"),
    RouteSpec("GET", "/invite/<token>", public=True),
    RouteSpec("POST", "/invite/<token>", public=True),
    RouteSpec("GET", "/forgot-password", public=True),
    RouteSpec("POST", "/forgot-password", public=True),
    RouteSpec("GET", "/reset-password/<token>", public=True),
    RouteSpec("POST", "/reset-password/<token>", public=True),
    RouteSpec("GET", "/api/v1/tokens"),
    RouteSpec("POST", "/api/v1/tokens"),
    RouteSpec(
        "DELETE",
        "/api/v1/tokens/<int:token_id>",
        wrong_role="bd",
        path=lambda r: f"/api/v1/tokens/{_other_users_token(r)}",
        missing="/api/v1/tokens/999999",
    ),
]
