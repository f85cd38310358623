"""Load-or-404 and permission checks for page views."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user, login_required

from crm.extensions import db

T = TypeVar("T")


# Integer primary keys are 32-bit on PostgreSQL: a larger id in a URL cannot exist (and would
# make the driver raise instead of answering 404).
MAX_ID = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")


def whole_number(text: str | None, maximum: int = MAX_ID) -> int | None:
    """`text` as an int from 0 to `maximum`, or None (where `str.isdigit` would let "²" or
    a 5,000-digit number through to `int()`, which raises)."""
    text = (text or "").strip()
    if not _WHOLE_NUMBER.fullmatch(text) or int(text) > maximum:
        return None
    return int(text)


def get_or_404(model: type[T], ident) -> T:
    if isinstance(ident, int) and not -MAX_ID <= ident <= MAX_ID:
        abort(404)
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def allow_or_403(allowed: bool) -> None:
    if not allowed:
        abort(403)


def requires(predicate: Callable[[object], bool]) -> Callable:
    """View decorator: signed in (else redirect/401) and `predicate(current_user)` (else 403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            allow_or_403(predicate(current_user))
            return view(*args, **kwargs)

        return wrapped

    return decorator
