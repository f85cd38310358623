"""Home-page panels. A feature registers a panel for the roles it serves.

A panel is a function `(user) -> dict | None` returning the template to include and its
context; `None` hides it. Panels registered for a role appear in registration order.
"""

from __future__ import annotations

from collections.abc import Callable

Panel = Callable[[object], dict | None]
HOME_PANELS: list[tuple[frozenset[str], Panel]] = []


def home_panel(*roles: str) -> Callable[[Panel], Panel]:
    def decorator(func: Panel) -> Panel:
        HOME_PANELS.append((frozenset(roles), func))
        return func

    return decorator


def panels_for(user) -> list[dict]:
    shown = []
    for roles, panel in HOME_PANELS:
        if user.role in roles:
            result = panel(user)
            if result is not None:
                shown.append(result)
    return shown
