"""Pure rules of the firms feature: no app, no database."""

from __future__ import annotations

import pytest

from crm.core.web_links import web_link_is_valid
from crm.firms.domain import (
    can_leave,
    fits_quota,
    kvk_is_valid,
    swap_position,
    year_is_valid,
)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("12345678", True), ("12345678\n", False), ("1234567", False), ("123456789", False),
     ("1234567a", False), (" 12345678", False), ("١٢٣٤٥٦٧٨", False), ("", False)],
)  # fmt: skip
def test_kvk_number_is_exactly_eight_ascii_digits(value, valid):
    assert kvk_is_valid(value) is valid


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://studio.example.nl", True),
        ("http://studio.example/path?q=1", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("ftp://files.example.nl", False),
        ("https://user:pass@evil.example", False),
        ("https://localhost", False),
        ("studio.example.nl", False),
        ("https://studio.example.nl/a b", False),
        ("https://studio.example.nl/\nSet-Cookie", False),
        ("https://" + "a" * 300 + ".nl", False),
    ],
)
def test_web_links_must_be_absolute_http_or_https(url, valid):
    assert web_link_is_valid(url) is valid


def test_year_runs_from_1900_to_next_year():
    assert year_is_valid(1900, 2026) and year_is_valid(2027, 2026)
    assert not year_is_valid(1899, 2026) and not year_is_valid(2028, 2026)


def test_the_last_member_cannot_leave():
    assert can_leave(2) and not can_leave(1) and not can_leave(0)


def test_quota_counts_what_is_already_used():
    assert fits_quota(90, 10, 100) and not fits_quota(90, 11, 100)


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends():
    assert swap_position([1, 2, 3], 2, "up") == [2, 1, 3]
    assert swap_position([1, 2, 3], 2, "down") == [1, 3, 2]
    assert swap_position([1, 2, 3], 1, "up") == [1, 2, 3]
    assert swap_position([1, 2, 3], 3, "down") == [1, 2, 3]
