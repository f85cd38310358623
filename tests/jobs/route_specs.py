from tests.routes import RouteSpec


def _someone_elses(request) -> int:
    return request.getfixturevalue("make_job")().id


ROUTES = [
    RouteSpec("GET", "/jobs"),
    RouteSpec(
        "GET",
        "/jobs/<int:job_id>",
        wrong_role="bd",
        path=lambda r: f"/jobs/{_someone_elses(r)}",
        missing="/jobs/999999",
    ),
    RouteSpec(
        "GET",
        "/jobs/<int:job_id>/status",
        wrong_role="post",
        path=lambda r: f"/jobs/{_someone_elses(r)}/status",
        missing="/jobs/999999/status",
    ),
    RouteSpec("POST", "/jobs/self-check", wrong_role="topteam"),
]
