from tests.routes import RouteSpec

ROUTES = [
    RouteSpec("GET", "/admin/reference/", wrong_role="bd"),
    RouteSpec(
        "GET",
        "/admin/reference/<kind>/<code>",
        wrong_role="topteam",
        path="/admin/reference/themes/mobility",
        missing="/admin/reference/themes/nope",
    ),
    RouteSpec(
        "POST",
        "/admin/reference/<kind>/<code>",
        wrong_role="firm",
        path="/admin/reference/themes/mobility",
        missing="/admin/reference/nope/x",
    ),
]
