"""Input no page can store: NUL characters (PostgreSQL text cannot hold them).

The API refuses them per field (crm/api/core.py); pages answer 400 with a clear message
before any view runs, so nothing is half-saved.
"""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _


def refuse_nul_characters() -> None:
    """Abort with 400 when a page's query string or form holds a NUL character."""
    if request.path.startswith("/api/"):
        return
    sources = [request.args]
    if request.mimetype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        sources.append(request.form)
    for source in sources:
        for key, value in source.items(multi=True):
            if "\x00" in key or "\x00" in value:
                abort(
                    400,
                    _(
                        "The form holds a NUL character, which cannot be stored. "
                        "Remove it and try again."
                    ),
                )
