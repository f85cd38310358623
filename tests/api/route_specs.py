from tests.routes import RouteSpec

ROUTES = [
    RouteSpec("GET", "/api/v1/me"),
    RouteSpec("GET", "/api/v1/openapi.json", public=True),
]
