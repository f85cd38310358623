"""What every route expects of who is asking. Each feature lists its routes in
`tests/<feature>/route_specs.py` as `ROUTES = [RouteSpec(...), ...]`; the test in
tests/core/test_route_permissions.py collects them all and fails on any route not listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class RouteSpec:
    method: str
    rule: str  # exactly as in app.url_map, e.g. "/questions/<int:question_id>"
    public: bool = False  # anyone, signed in or not
    # A role that is refused (403), or None when every signed-in role may use it.
    wrong_role: str | None = None
    # Builds the concrete path for an existing object the wrong role may not touch:
    # called with the pytest `request` fixture (to reach factories) -> path.
    path: Callable | str | None = None
    # A path naming a missing object (404 for `allowed_role`), or None when not applicable.
    missing: str | None = None
    allowed_role: str = "admin"
    # A user scope for the wrong-role user, e.g. {"country_code": "US"} (defaults per role).
    wrong_scope: dict | None = None

    @property
    def key(self) -> str:
        return f"{self.method} {self.rule}"

    def concrete_path(self, request) -> str:
        if callable(self.path):
            return self.path(request)
        return self.path or self.rule
