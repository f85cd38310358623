"""Every route of the firms feature, for tests/core/test_route_permissions.py.

A `firm` wrong-role user is a member of another firm (make_user("firm") makes a new firm), so
these specs also check that one firm cannot touch another's pages, files and API.
"""

from tests.routes import RouteSpec


def _firm(request) -> int:
    return request.getfixturevalue("make_firm")().id


def _item(request) -> int:
    return request.getfixturevalue("make_item")(visibility="programme").id


def _file(request) -> int:
    return request.getfixturevalue("make_portfolio_file")().id


def _member(request):
    user = request.getfixturevalue("make_user")("firm")
    return user.firm_id, user.id


def _invitation(request):
    from crm.accounts.service import invite_user
    from crm.auth.service import Scope
    from crm.extensions import db

    firm_id = _firm(request)
    with request.getfixturevalue("app").test_request_context():
        invitation, _token = invite_user("new@test.example", "firm", Scope(firm_id=firm_id))
        db.session.commit()
    return firm_id, invitation.id


MISSING_FIRM = "/firms/999999"
MISSING_ITEM = "/portfolio-items/999999"
MISSING_FILE = "/portfolio-files/999999"

ROUTES = [
    RouteSpec("GET", "/firms", wrong_role="post"),
    RouteSpec("GET", "/firms/mine", wrong_role="bd"),
    RouteSpec("GET", "/firms/new", wrong_role="firm"),
    RouteSpec("POST", "/firms/new", wrong_role="topteam"),
    RouteSpec(
        "GET",
        "/firms/<int:firm_id>",
        wrong_role="post",
        path=lambda r: f"/firms/{_firm(r)}",
        missing=MISSING_FIRM,
    ),
    *[
        RouteSpec(
            method,
            "/firms/<int:firm_id>/edit",
            wrong_role="firm",
            path=lambda r: f"/firms/{_firm(r)}/edit",
            missing=MISSING_FIRM + "/edit",
        )
        for method in ("GET", "POST")
    ],
    RouteSpec(
        "GET",
        "/firms/<int:firm_id>/export.zip",
        wrong_role="firm",
        path=lambda r: f"/firms/{_firm(r)}/export.zip",
        missing=MISSING_FIRM + "/export.zip",
    ),
    RouteSpec(
        "GET",
        "/firms/<int:firm_id>/members",
        wrong_role="firm",
        path=lambda r: f"/firms/{_firm(r)}/members",
        missing=MISSING_FIRM + "/members",
    ),
    RouteSpec(
        "POST",
        "/firms/<int:firm_id>/members/invite",
        wrong_role="firm",
        path=lambda r: f"/firms/{_firm(r)}/members/invite",
        missing=MISSING_FIRM + "/members/invite",
    ),
    RouteSpec(
        "POST",
        "/firms/<int:firm_id>/invitations/<int:invitation_id>/revoke",
        wrong_role="firm",
        path=lambda r: "/firms/{}/invitations/{}/revoke".format(*_invitation(r)),
        missing=MISSING_FIRM + "/invitations/1/revoke",
    ),
    RouteSpec(
        "POST",
        "/firms/<int:firm_id>/members/<int:user_id>/remove",
        wrong_role="firm",
        path=lambda r: "/firms/{}/members/{}/remove".format(*_member(r)),
        missing=MISSING_FIRM + "/members/1/remove",
    ),
    RouteSpec(
        "POST",
        "/firms/<int:firm_id>/leave",
        wrong_role="bd",
        path=lambda r: f"/firms/{_firm(r)}/leave",
        missing=MISSING_FIRM + "/leave",
    ),
    *[
        RouteSpec(
            method,
            "/firms/<int:firm_id>/portfolio/new",
            wrong_role="firm",
            path=lambda r: f"/firms/{_firm(r)}/portfolio/new",
            missing=MISSING_FIRM + "/portfolio/new",
        )
        for method in ("GET", "POST")
    ],
    RouteSpec(
        "GET",
        "/portfolio-items/<int:item_id>",
        wrong_role="firm",
        path=lambda r: f"/portfolio-items/{_item(r)}",
        missing=MISSING_ITEM,
    ),
    *[
        RouteSpec(
            method,
            "/portfolio-items/<int:item_id>/edit",
            wrong_role="firm",
            path=lambda r: f"/portfolio-items/{_item(r)}/edit",
            missing=MISSING_ITEM + "/edit",
        )
        for method in ("GET", "POST")
    ],
    *[
        RouteSpec(
            "POST",
            f"/portfolio-items/<int:item_id>/{action}",
            wrong_role="firm",
            path=lambda r, action=action: f"/portfolio-items/{_item(r)}/{action}",
            missing=f"{MISSING_ITEM}/{action}",
        )
        for action in ("delete", "move", "files")
    ],
    *[
        RouteSpec(
            "POST",
            f"/portfolio-files/<int:file_id>/{action}",
            wrong_role="firm",
            path=lambda r, action=action: f"/portfolio-files/{_file(r)}/{action}",
            missing=f"{MISSING_FILE}/{action}",
        )
        for action in ("delete", "cover", "move")
    ],
    RouteSpec(
        "GET",
        "/portfolio-files/<int:file_id>",
        wrong_role="firm",
        path=lambda r: f"/portfolio-files/{_file(r)}",
        missing=MISSING_FILE,
    ),
    RouteSpec(
        "GET",
        "/portfolio-files/<int:file_id>/thumb",
        wrong_role="post",
        path=lambda r: f"/portfolio-files/{_file(r)}/thumb",
        missing=MISSING_FILE + "/thumb",
    ),
    RouteSpec("GET", "/api/v1/firms", wrong_role="post"),
    RouteSpec("POST", "/api/v1/firms", wrong_role="firm"),
    RouteSpec(
        "GET",
        "/api/v1/firms/<int:firm_id>",
        wrong_role="post",
        path=lambda r: f"/api/v1/firms/{_firm(r)}",
        missing="/api/v1/firms/999999",
    ),
    RouteSpec(
        "PATCH",
        "/api/v1/firms/<int:firm_id>",
        wrong_role="firm",
        path=lambda r: f"/api/v1/firms/{_firm(r)}",
        missing="/api/v1/firms/999999",
    ),
    RouteSpec(
        "POST",
        "/api/v1/firms/<int:firm_id>/portfolio-items",
        wrong_role="firm",
        path=lambda r: f"/api/v1/firms/{_firm(r)}/portfolio-items",
        missing="/api/v1/firms/999999/portfolio-items",
    ),
    RouteSpec(
        "POST",
        "/api/v1/portfolio-items/<int:item_id>/files",
        wrong_role="firm",
        path=lambda r: f"/api/v1/portfolio-items/{_item(r)}/files",
        missing="/api/v1/portfolio-items/999999/files",
    ),
]
