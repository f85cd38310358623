"""Every route of the fees feature, for tests/core/test_route_permissions.py."""

from tests.routes import RouteSpec


def _format(suffix: str = "", prefix: str = ""):
    def build(request) -> str:
        fmt = request.getfixturevalue("make_fee_format")()
        return f"{prefix}/fee-formats/{fmt.id}{suffix}"

    return build


def _rate(suffix: str = "", prefix: str = ""):
    def build(request) -> str:
        row = request.getfixturevalue("make_exchange_rate")()
        return f"{prefix}/exchange-rates/{row.id}{suffix}"

    return build


API = "/api/v1"
FMT = "/fee-formats/<int:format_id>"
RATE = "/exchange-rates/<int:rate_id>"

ROUTES = [
    # Pages everyone signed in reads (firms included).
    RouteSpec("GET", "/fee-formats"),
    RouteSpec("GET", FMT, path=_format(), missing="/fee-formats/999999"),
    RouteSpec("GET", FMT + "/quote", path=_format("/quote"), missing="/fee-formats/999999/quote"),
    RouteSpec(
        "GET", FMT + "/versions", path=_format("/versions"), missing="/fee-formats/999999/versions"
    ),
    # The admins' editor.
    RouteSpec("GET", "/fee-formats/new", wrong_role="firm"),
    RouteSpec("POST", "/fee-formats/new", wrong_role="bd"),
    RouteSpec(
        "GET",
        FMT + "/revise",
        wrong_role="topteam",
        path=_format("/revise"),
        missing="/fee-formats/999999/revise",
    ),
    RouteSpec(
        "POST",
        FMT + "/revise",
        wrong_role="firm",
        path=_format("/revise"),
        missing="/fee-formats/999999/revise",
    ),
    RouteSpec(
        "POST",
        FMT + "/retire",
        wrong_role="post",
        path=_format("/retire"),
        missing="/fee-formats/999999/retire",
    ),
    # Exchange rates: admins write, the topteam reads.
    RouteSpec("GET", "/exchange-rates", wrong_role="bd"),
    RouteSpec("GET", "/exchange-rates/new", wrong_role="topteam"),
    RouteSpec("POST", "/exchange-rates/new", wrong_role="topteam"),
    RouteSpec(
        "GET",
        RATE + "/edit",
        wrong_role="topteam",
        path=_rate("/edit"),
        missing="/exchange-rates/999999/edit",
    ),
    RouteSpec(
        "POST",
        RATE + "/edit",
        wrong_role="bd",
        path=_rate("/edit"),
        missing="/exchange-rates/999999/edit",
    ),
    RouteSpec("GET", "/exchange-rates/import", wrong_role="firm"),
    RouteSpec("POST", "/exchange-rates/import", wrong_role="topteam"),
    # API
    RouteSpec("GET", API + "/fee-formats"),
    RouteSpec("POST", API + "/fee-formats", wrong_role="bd"),
    RouteSpec("GET", API + FMT, path=_format(prefix=API), missing=API + "/fee-formats/999999"),
    RouteSpec(
        "PUT",
        API + FMT,
        wrong_role="firm",
        path=_format(prefix=API),
        missing=API + "/fee-formats/999999",
    ),
    RouteSpec(
        "POST",
        API + FMT + "/retire",
        wrong_role="topteam",
        path=_format("/retire", prefix=API),
        missing=API + "/fee-formats/999999/retire",
    ),
    RouteSpec(
        "POST",
        API + FMT + "/quote",
        path=_format("/quote", prefix=API),
        missing=API + "/fee-formats/999999/quote",
    ),
    RouteSpec("GET", API + "/exchange-rates", wrong_role="bd"),
    RouteSpec("POST", API + "/exchange-rates", wrong_role="topteam"),
    RouteSpec(
        "GET",
        API + RATE,
        wrong_role="post",
        path=_rate(prefix=API),
        missing=API + "/exchange-rates/999999",
    ),
    RouteSpec(
        "PUT",
        API + RATE,
        wrong_role="topteam",
        path=_rate(prefix=API),
        missing=API + "/exchange-rates/999999",
    ),
]
