from tests.routes import RouteSpec

MISSING = "/questions/999999"
API_MISSING = "/api/v1/questions/999999"


def _question(request) -> str:
    return f"/questions/{request.getfixturevalue('make_question')().id}"


def _api_question(request) -> str:
    return f"/api/v1/questions/{request.getfixturevalue('make_question')().id}"


def _attachment(request) -> str:
    question = request.getfixturevalue("make_question")()
    attachment = request.getfixturevalue("make_attachment")(question)
    return f"/questions/{question.id}/attachments/{attachment.id}"


def _under(suffix: str):
    return lambda request: _question(request) + suffix


ROUTES = [
    RouteSpec("GET", "/questions", wrong_role="firm"),
    RouteSpec("POST", "/questions", wrong_role="topteam"),
    RouteSpec("GET", "/questions/new", wrong_role="firm"),
    RouteSpec("GET", "/questions/board", wrong_role="post"),
    RouteSpec("GET", "/questions/export.csv", wrong_role="firm"),
    RouteSpec("GET", "/questions/import", wrong_role="topteam"),
    RouteSpec("POST", "/questions/import", wrong_role="post"),
    RouteSpec("POST", "/questions/import/start", wrong_role="firm"),
    RouteSpec(
        "GET", "/questions/<int:question_id>", wrong_role="firm", path=_question, missing=MISSING
    ),
    RouteSpec(
        "GET",
        "/questions/<int:question_id>/edit",
        wrong_role="topteam",
        path=_under("/edit"),
        missing=MISSING + "/edit",
    ),
    RouteSpec(
        "POST",
        "/questions/<int:question_id>/edit",
        wrong_role="post",
        path=_under("/edit"),
        missing=MISSING + "/edit",
    ),
    RouteSpec(
        "POST",
        "/questions/<int:question_id>/stage",
        wrong_role="topteam",
        path=_under("/stage"),
        missing=MISSING + "/stage",
    ),
    RouteSpec(
        "POST",
        "/questions/<int:question_id>/claim",
        wrong_role="post",
        path=_under("/claim"),
        missing=MISSING + "/claim",
    ),
    RouteSpec(
        "POST",
        "/questions/<int:question_id>/activities",
        wrong_role="topteam",
        path=_under("/activities"),
        missing=MISSING + "/activities",
    ),
    RouteSpec(
        "POST",
        "/questions/<int:question_id>/attachments",
        wrong_role="topteam",
        path=_under("/attachments"),
        missing=MISSING + "/attachments",
    ),
    RouteSpec(
        "GET",
        "/questions/<int:question_id>/attachments/<int:attachment_id>",
        wrong_role="firm",
        path=_attachment,
        missing=MISSING + "/attachments/1",
    ),
    RouteSpec(
        "POST",
        "/questions/<int:question_id>/attachments/<int:attachment_id>/delete",
        wrong_role="topteam",
        path=lambda request: _attachment(request) + "/delete",
        missing=MISSING + "/attachments/1/delete",
    ),
    RouteSpec("POST", "/api/v1/questions", wrong_role="topteam"),
    RouteSpec("GET", "/api/v1/questions", wrong_role="firm"),
    RouteSpec(
        "GET",
        "/api/v1/questions/<int:question_id>",
        wrong_role="firm",
        path=_api_question,
        missing=API_MISSING,
    ),
    RouteSpec(
        "PATCH",
        "/api/v1/questions/<int:question_id>",
        wrong_role="topteam",
        path=_api_question,
        missing=API_MISSING,
    ),
    RouteSpec(
        "POST",
        "/api/v1/questions/<int:question_id>/stage",
        wrong_role="post",
        path=lambda request: _api_question(request) + "/stage",
        missing=API_MISSING + "/stage",
    ),
    RouteSpec(
        "POST",
        "/api/v1/questions/<int:question_id>/claim",
        wrong_role="topteam",
        path=lambda request: _api_question(request) + "/claim",
        missing=API_MISSING + "/claim",
    ),
]
