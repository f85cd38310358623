"""Pure helpers: the version diff and the rate chart (no app, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crm.fees.chart import HEIGHT, WIDTH, rate_chart
from crm.fees.diff import Change, diff_formats
from crm.fees.domain import Tier, parse_fee_format
from tests.factories.fees import standard_document


def _doc(**changes):
    return parse_fee_format(standard_document(**changes))


def test_identical_versions_have_no_changes():
    assert diff_formats(_doc(), _doc()) == []


def test_scalar_fields():
    changes = diff_formats(
        _doc(), _doc(name="New", cap="45000.00", minimum_fee=None, effective_from="2026-07-01")
    )
    assert changes == [
        Change("name", "changed", "Creative Lab standard", "New"),
        Change("effective_from", "changed", date(2026, 1, 1), date(2026, 7, 1)),
        Change("minimum_fee", "removed", Decimal("1500.00"), None),
        Change("cap", "changed", Decimal("40000.00"), Decimal("45000.00")),
    ]


def test_tiers_by_position():
    new = _doc(tiers=[{"up_to": "50000.00", "rate": "10"}, {"up_to": None, "rate": "6"}])
    changes = diff_formats(_doc(), new)
    assert changes == [
        Change(
            "tier",
            "changed",
            Tier(Decimal("250000.00"), Decimal("7.5")),
            Tier(None, Decimal("6")),
            2,
        ),
        Change("tier", "removed", Tier(None, Decimal("5")), None, 3),
    ]


def test_split_by_party_and_its_order():
    new = _doc(
        split=[
            {"party": "lab", "share": "30"},
            {"party": "business_developer", "share": "60"},
            {"party": "post", "share": "10"},
        ]
    )
    changes = diff_formats(_doc(), new)
    assert Change("split", "changed", Decimal("70"), Decimal("60"), "business_developer") in (
        changes
    )
    assert Change("split", "added", None, Decimal("10"), "post") in changes
    assert changes[-1].field == "split_order"


def test_rate_chart_scales_into_the_box():
    series = [
        (date(2026, 1, 1), 1_000_000),
        (date(2026, 1, 2), 1_100_000),
        (date(2026, 1, 5), 1_050_000),
    ]
    chart = rate_chart(series)
    points = [tuple(int(n) for n in p.split(",")) for p in chart.points.split()]
    assert points[0][0] == chart.plot_left
    assert points[-1][0] == chart.plot_right
    assert points[1][1] == chart.plot_top  # the highest rate at the top
    assert points[0][1] == chart.plot_bottom
    assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in points)
    assert (chart.low, chart.high, chart.last) == (Decimal("1"), Decimal("1.1"), Decimal("1.05"))


def test_rate_chart_flat_and_empty():
    assert rate_chart([]) is None
    chart = rate_chart([(date(2026, 1, 1), 7_000_000)])
    assert chart.count == 1
    assert chart.points.count(",") == 1
