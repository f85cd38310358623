"""The page-or-fragment decision shared by every URL that serves both."""

from __future__ import annotations

from flask import request


def is_fragment_request() -> bool:
    """HTMX asks for the fragment; a history restore (back button) needs the full page.

    `Vary: HX-Request` is added to every HTML response in `crm/__init__.py`, so caches keep
    the two answers apart.
    """
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
