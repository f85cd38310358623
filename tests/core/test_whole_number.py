"""whole_number: query-string and form numbers that `str.isdigit` + `int()` turned into 500s."""

from __future__ import annotations

import pytest

from crm.core.guards import MAX_ID, whole_number
from crm.core.templating import current_page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("\u00b2", None),  # "²".isdigit() is True, int("²") raises
        ("\u0661", None),  # Arabic-Indic one
        ("9" * 5000, None),  # int() refuses more than 4300 digits
        ("-1", None),
        ("1.5", None),
        ("", None),
        (None, None),
    ],
)
def test_whole_number(text, expected):
    assert whole_number(text) == expected


def test_whole_number_has_an_upper_bound():
    assert whole_number("100", maximum=99) is None


@pytest.mark.parametrize("page", ["%C2%B2", "9" * 5000, "0", "-3"])
def test_current_page_falls_back_to_the_first(app, page):
    with app.test_request_context(f"/?page={page}"):
        assert current_page(10) == (1, 10)
