"""Every route of the organisations feature, for tests/core/test_route_permissions.py.

Organisations made here are German; a `bd` wrong-role user is a US business developer, so
those specs also check that a business developer edits only their own country.
"""

from tests.routes import RouteSpec

US_BD = {"country_code": "US", "lab_code": "lab-us"}
MISSING_ORG = "/organisations/999999"
MISSING_CONTACT = "/contacts/999999"
API_ORG = "/api/v1/organisations"
API_CONTACT = "/api/v1/contacts"


def _org(request) -> int:
    return request.getfixturevalue("make_organisation")().id


def _contact(request) -> int:
    return request.getfixturevalue("make_contact")().id


def _org_path(suffix: str = "", prefix: str = "/organisations"):
    return lambda request: f"{prefix}/{_org(request)}{suffix}"


def _contact_path(suffix: str = "", prefix: str = "/contacts"):
    return lambda request: f"{prefix}/{_contact(request)}{suffix}"


ROUTES = [
    RouteSpec("GET", "/organisations", wrong_role="firm"),
    RouteSpec("POST", "/organisations", wrong_role="topteam"),
    RouteSpec("GET", "/organisations/new", wrong_role="post"),
    RouteSpec("GET", "/attention", wrong_role="post"),
    RouteSpec("GET", "/organisations/similar", wrong_role="firm"),
    RouteSpec("GET", "/organisations/suggest", wrong_role="firm"),
    RouteSpec("GET", "/organisations/inline", wrong_role="post"),
    RouteSpec("POST", "/organisations/inline", wrong_role="topteam"),
    RouteSpec(
        "GET",
        "/organisations/pick/<int:organisation_id>",
        wrong_role="post",
        wrong_scope={"country_code": "US", "post_code": "newyork-cg"},
        path=_org_path(prefix="/organisations/pick"),
        missing="/organisations/pick/999999",
    ),
    RouteSpec("GET", "/organisations/export.csv", wrong_role="post"),
    RouteSpec("GET", "/organisations/import", wrong_role="topteam"),
    RouteSpec("POST", "/organisations/import", wrong_role="post"),
    RouteSpec(
        "GET",
        "/organisations/<int:organisation_id>",
        wrong_role="firm",
        path=_org_path(),
        missing=MISSING_ORG,
    ),
    RouteSpec(
        "GET",
        "/organisations/<int:organisation_id>/edit",
        wrong_role="bd",
        wrong_scope=US_BD,
        path=_org_path("/edit"),
        missing=MISSING_ORG + "/edit",
    ),
    RouteSpec(
        "POST",
        "/organisations/<int:organisation_id>/edit",
        wrong_role="topteam",
        path=_org_path("/edit"),
        missing=MISSING_ORG + "/edit",
    ),
    RouteSpec(
        "GET",
        "/organisations/<int:organisation_id>/merge",
        wrong_role="bd",
        path=_org_path("/merge"),
        missing=MISSING_ORG + "/merge",
    ),
    RouteSpec(
        "POST",
        "/organisations/<int:organisation_id>/merge",
        wrong_role="topteam",
        path=_org_path("/merge"),
        missing=MISSING_ORG + "/merge",
    ),
    RouteSpec(
        "GET",
        "/organisations/<int:organisation_id>/contacts/new",
        wrong_role="post",
        path=_org_path("/contacts/new"),
        missing=MISSING_ORG + "/contacts/new",
    ),
    RouteSpec(
        "POST",
        "/organisations/<int:organisation_id>/contacts",
        wrong_role="bd",
        wrong_scope=US_BD,
        path=_org_path("/contacts"),
        missing=MISSING_ORG + "/contacts",
    ),
    RouteSpec(
        "GET",
        "/contacts/<int:contact_id>",
        wrong_role="firm",
        path=_contact_path(),
        missing=MISSING_CONTACT,
    ),
    RouteSpec(
        "GET",
        "/contacts/<int:contact_id>/edit",
        wrong_role="topteam",
        path=_contact_path("/edit"),
        missing=MISSING_CONTACT + "/edit",
    ),
    RouteSpec(
        "POST",
        "/contacts/<int:contact_id>/edit",
        wrong_role="bd",
        wrong_scope=US_BD,
        path=_contact_path("/edit"),
        missing=MISSING_CONTACT + "/edit",
    ),
    RouteSpec(
        "GET",
        "/contacts/<int:contact_id>/export.json",
        wrong_role="bd",
        path=_contact_path("/export.json"),
        missing=MISSING_CONTACT + "/export.json",
    ),
    RouteSpec(
        "POST",
        "/contacts/<int:contact_id>/erase",
        wrong_role="topteam",
        path=_contact_path("/erase"),
        missing=MISSING_CONTACT + "/erase",
    ),
    # API
    RouteSpec("GET", API_ORG, wrong_role="firm"),
    RouteSpec("POST", API_ORG, wrong_role="post"),
    RouteSpec(
        "GET",
        API_ORG + "/<int:organisation_id>",
        wrong_role="firm",
        path=_org_path(prefix=API_ORG),
        missing=API_ORG + "/999999",
    ),
    RouteSpec(
        "PATCH",
        API_ORG + "/<int:organisation_id>",
        wrong_role="bd",
        wrong_scope=US_BD,
        path=_org_path(prefix=API_ORG),
        missing=API_ORG + "/999999",
    ),
    RouteSpec(
        "GET",
        API_ORG + "/<int:organisation_id>/contacts",
        wrong_role="firm",
        path=_org_path("/contacts", prefix=API_ORG),
        missing=API_ORG + "/999999/contacts",
    ),
    RouteSpec(
        "POST",
        API_ORG + "/<int:organisation_id>/contacts",
        wrong_role="topteam",
        path=_org_path("/contacts", prefix=API_ORG),
        missing=API_ORG + "/999999/contacts",
    ),
    RouteSpec(
        "GET",
        API_CONTACT + "/<int:contact_id>",
        wrong_role="post",
        path=_contact_path(prefix=API_CONTACT),
        missing=API_CONTACT + "/999999",
    ),
    RouteSpec(
        "PATCH",
        API_CONTACT + "/<int:contact_id>",
        wrong_role="bd",
        wrong_scope=US_BD,
        path=_contact_path(prefix=API_CONTACT),
        missing=API_CONTACT + "/999999",
    ),
]
