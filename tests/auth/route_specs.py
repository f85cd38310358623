from tests.routes import RouteSpec

ROUTES = [
    RouteSpec("GET", "/login", public=True),
    RouteSpec("POST", "/login", public=True),
    RouteSpec("POST", "/logout"),
]
