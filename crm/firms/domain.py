"""Pure rules about firms and portfolios: no Flask, no database."""

from __future__ import annotations

import re

KVK = re.compile(r"[0-9]{8}")
VISIBILITIES = ("programme", "firms")
MIN_YEAR = 1900
# What a portfolio item form or API body may set.
ITEM_FIELDS = (
    "title",
    "description",
    "client",
    "year",
    "country",
    "themes",
    "disciplines",
    "public_link",
    "visibility",
)


def kvk_is_valid(value: str) -> bool:
    """A Chamber of Commerce (KvK) number is exactly eight digits."""
    return bool(KVK.fullmatch(value))


def year_is_valid(year: int, this_year: int) -> bool:
    """A portfolio year from 1900 up to next year (work about to be delivered)."""
    return MIN_YEAR <= year <= this_year + 1


def can_leave(active_members: int) -> bool:
    """A member may leave (or be removed) only while someone else stays."""
    return active_members > 1


def fits_quota(used: int, incoming: int, quota: int) -> bool:
    """Whether `incoming` more bytes keep the firm within its storage quota."""
    return used + incoming <= quota


def swap_position(ids: list[int], moved: int, direction: str) -> list[int]:
    """The order after moving `moved` one place "up" (earlier) or "down" (later)."""
    order = list(ids)
    index = order.index(moved)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    return order
