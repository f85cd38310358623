"""Password hashing: scrypt through Werkzeug, deliberately slow."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def password_problem(password: str) -> str | None:
    """Why `password` is not acceptable, or None. Messages are translated by the caller."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    return None
