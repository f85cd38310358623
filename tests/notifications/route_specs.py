from tests.routes import RouteSpec


def _someone_elses(request) -> int:
    return request.getfixturevalue("make_notification")().id


ROUTES = [
    RouteSpec("GET", "/notifications"),
    RouteSpec("GET", "/notifications/counter"),
    RouteSpec(
        "POST",
        "/notifications/<int:notification_id>/read",
        wrong_role="bd",
        path=lambda r: f"/notifications/{_someone_elses(r)}/read",
        missing="/notifications/999999/read",
    ),
    RouteSpec("POST", "/notifications/read-all"),
]
