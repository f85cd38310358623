from tests.routes import RouteSpec

ROUTES = [
    RouteSpec("GET", "/"),
    RouteSpec("GET", "/about", public=True),
]
